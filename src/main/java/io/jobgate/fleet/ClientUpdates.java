package io.jobgate.fleet;

import io.jobgate.state.StateSnapshot;
import io.jobgate.state.StateStore;
import io.jobgate.state.StateWriter;
import io.jobgate.structs.AllocBuilder;
import io.jobgate.structs.AllocDeploymentStatus;
import io.jobgate.structs.Allocation;
import io.jobgate.structs.Evaluation;
import io.jobgate.structs.Job;
import io.jobgate.structs.ReschedulePolicy;
import io.jobgate.structs.RescheduleRules;
import io.jobgate.structs.TaskState;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client→server allocation updates of the whole fleet (Nomad's {@code Node.UpdateAlloc}),
 * coalesced: the latest state of each allocation is kept and flushed in one store write at most
 * every {@link #FLUSH_MS} ms. The server side of the update also files an {@code alloc-failure}
 * evaluation for each allocation that just failed and may be rescheduled. Fleet context only.
 */
final class ClientUpdates {

  private static final System.Logger LOG = System.getLogger(ClientUpdates.class.getName());
  static final long FLUSH_MS = 10;

  /** What a client reports about one allocation. */
  record ClientState(String allocId, String clientStatus, Map<String, TaskState> taskStates,
      AllocDeploymentStatus deploymentStatus, long modifyTime) {
  }

  private final Vertx vertx;
  private final StateStore store;
  /**
   * Indexes of writes that were nothing but client updates, recorded on the writer thread before
   * they commit: the fleet need not look at its own reports when their change events come back.
   */
  private final Set<Long> ownWrites = ConcurrentHashMap.newKeySet();
  private Map<String, ClientState> pending = new LinkedHashMap<>();
  private boolean scheduled;

  ClientUpdates(Vertx vertx, StateStore store) {
    this.vertx = vertx;
    this.store = store;
  }

  void put(ClientState s) {
    pending.put(s.allocId(), s);
    if (!scheduled) {
      scheduled = true;
      vertx.setTimer(FLUSH_MS, t -> flush());
    }
  }

  private void flush() {
    scheduled = false;
    Map<String, ClientState> batch = pending;
    pending = new LinkedHashMap<>();
    store.write(w -> {
      long idx = apply(w, batch);
      if (idx > 0) {
        ownWrites.add(idx);
      }
      return null;
    }).onFailure(e -> LOG.log(System.Logger.Level.ERROR, "client update failed", e));
  }

  /** Whether the change at {@code index} was one of the fleet's own client-update writes; forgets it. */
  boolean ownWrite(long index) {
    return ownWrites.remove(index);
  }

  /** Commits the batch; returns its index, or 0 when nothing was left to write. */
  private static long apply(StateWriter w, Map<String, ClientState> batch) {
    List<Allocation> out = new ArrayList<>(batch.size());
    List<Evaluation> evals = new ArrayList<>();
    StateSnapshot view = w.view();
    for (ClientState s : batch.values()) {
      Allocation a = view.alloc(s.allocId());
      if (a == null) {
        continue;
      }
      AllocBuilder b = AllocBuilder.from(a);
      b.clientStatus = s.clientStatus();
      b.taskStates = s.taskStates();
      if (s.deploymentStatus() != null) {
        b.deploymentStatus = s.deploymentStatus();
      }
      b.modifyTime = s.modifyTime();
      Allocation updated = b.build();
      out.add(updated);
      if (!Allocation.CLIENT_FAILED.equals(a.clientStatus()) && Allocation.CLIENT_FAILED.equals(s.clientStatus())
          && (a.followupEvalId() == null || a.followupEvalId().isEmpty())) {
        ReschedulePolicy p = RescheduleRules.policy(updated);
        if (RescheduleRules.eligible(updated, p, RescheduleRules.lastEventNanos(updated))) {
          Job job = a.job();
          evals.add(Evaluation.pending(UUID.randomUUID().toString(), a.namespace(), job.priority(), job.type(),
              Evaluation.TRIGGER_RETRY_FAILED_ALLOC, a.jobId(), job.modifyIndex()));
        }
      }
    }
    if (out.isEmpty()) {
      return 0;
    }
    long idx = w.nextIndex();
    w.upsertAllocs(idx, out, true);
    if (!evals.isEmpty()) {
      w.upsertEvals(idx, evals);
    }
    return idx;
  }
}
