package io.jobgate.scheduler;

import io.jobgate.state.JobKey;
import io.jobgate.structs.Evaluation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Evaluations waiting for capacity (spec §15.5), one per job. Confined to the broker's context.
 * A change in capacity of a computed class releases every evaluation that did not rule that class
 * out; an evaluation computed on a snapshot older than the last capacity change is released at
 * once, so a node that joined while it was being scheduled is never missed.
 */
final class BlockedEvals {

  private final Map<String, Evaluation> byId = new HashMap<>();
  private final Map<JobKey, String> byJob = new HashMap<>();
  private final Consumer<Evaluation> release;
  private final Consumer<Evaluation> cancelDuplicate;
  private long lastCapacityIndex;

  BlockedEvals(Consumer<Evaluation> release, Consumer<Evaluation> cancelDuplicate) {
    this.release = release;
    this.cancelDuplicate = cancelDuplicate;
  }

  boolean tracks(String id) {
    return byId.containsKey(id);
  }

  boolean isEmpty() {
    return byId.isEmpty();
  }

  int size() {
    return byId.size();
  }

  void block(Evaluation e) {
    if (e.snapshotIndex() < lastCapacityIndex) {
      release.accept(e);
      return;
    }
    JobKey jk = new JobKey(e.namespace(), e.jobId());
    String older = byJob.get(jk);
    if (older != null && !older.equals(e.id())) {
      Evaluation old = byId.get(older);
      if (old.createIndex() > e.createIndex()) {
        cancelDuplicate.accept(e);
        return;
      }
      byId.remove(older);
      cancelDuplicate.accept(old);
    }
    byId.put(e.id(), e);
    byJob.put(jk, e.id());
  }

  void remove(String id) {
    Evaluation e = byId.remove(id);
    if (e != null) {
      byJob.remove(new JobKey(e.namespace(), e.jobId()), id);
    }
  }

  /** Capacity of {@code computedClass} changed at {@code index}: release what might now fit. */
  void unblock(String computedClass, long index) {
    lastCapacityIndex = Math.max(lastCapacityIndex, index);
    List<Evaluation> out = new ArrayList<>();
    for (Evaluation e : byId.values()) {
      Map<String, Boolean> elig = e.classEligibility();
      if (e.escapedComputedClass() || elig == null || !Boolean.FALSE.equals(elig.get(computedClass))) {
        out.add(e);
      }
    }
    for (Evaluation e : out) {
      remove(e.id());
      release.accept(e);
    }
  }
}
