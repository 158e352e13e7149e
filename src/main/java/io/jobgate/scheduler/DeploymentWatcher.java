package io.jobgate.scheduler;

import io.jobgate.state.StateChange;
import io.jobgate.state.StateStore;
import io.jobgate.state.StateWriter;
import io.jobgate.state.Table;
import io.jobgate.state.WatchKey;
import io.jobgate.structs.Deployment;
import io.jobgate.structs.DeploymentState;
import io.jobgate.structs.GoTime;
import io.jobgate.structs.TimeScale;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Nomad's deployment watcher (spec §14), on its own event-loop context: follows every active
 * deployment's counters as clients report allocation health. An unhealthy allocation fails the
 * deployment (with auto-revert); newly healthy ones file a {@code deployment-watcher} evaluation
 * so the scheduler rolls the next batch or declares success; a group that makes no progress by
 * {@code RequireProgressBy} fails it with "Failed due to progress deadline".
 */
public final class DeploymentWatcher {

  private static final System.Logger LOG = System.getLogger(DeploymentWatcher.class.getName());

  private final Vertx vertx;
  private final StateStore store;
  private final TimeScale scale;
  private final Context context;
  private final Map<String, Integer> healthySeen = new HashMap<>();
  private final Map<String, Long> deadlineTimers = new HashMap<>();
  private final Map<String, Long> deadlineAt = new HashMap<>();

  public DeploymentWatcher(Vertx vertx, StateStore store, TimeScale scale) {
    this.vertx = vertx;
    this.store = store;
    this.scale = scale;
    this.context = vertx.getOrCreateContext();
  }

  public Future<Void> start() {
    Promise<Void> started = Promise.promise();
    context.runOnContext(v -> {
      for (Deployment d : store.snapshot().allDeployments()) {
        watch(d);
      }
      vertx.eventBus().<StateChange>localConsumer(StateChange.ADDRESS, msg -> onChange(msg.body()))
          .completion().onComplete(started);
    });
    return started.future();
  }

  private void onChange(StateChange change) {
    if (!change.tables().contains(Table.DEPLOYMENT)) {
      return;
    }
    for (WatchKey k : change.keys()) {
      if (k.table() == Table.DEPLOYMENT && k.key() != null && k.key().startsWith("id:")) {
        Deployment d = store.snapshot().deployment(k.key().substring(3));
        if (d != null) {
          watch(d);
        }
      }
    }
  }

  private void watch(Deployment d) {
    if (!Deployment.STATUS_RUNNING.equals(d.status())) {
      forget(d.id());
      return;
    }
    int healthy = 0;
    int unhealthy = 0;
    for (DeploymentState s : d.taskGroups().values()) {
      healthy += s.healthyAllocs();
      unhealthy += s.unhealthyAllocs();
    }
    if (unhealthy > 0) {
      forget(d.id());
      write(d.id(), (w, latest) -> Deployments.fail(w, latest, Deployments.DESC_FAILED_ALLOCS));
      return;
    }
    Integer seen = healthySeen.put(d.id(), healthy);
    if (healthy > (seen == null ? 0 : seen)) {
      write(d.id(), (w, latest) -> w.upsertEvals(w.nextIndex(), List.of(Deployments.watcherEval(w, latest))));
    }
    armDeadline(d);
  }

  /** The earliest progress deadline of a group still short of healthy allocations, in wall time. */
  private void armDeadline(Deployment d) {
    long earliest = Long.MAX_VALUE;
    for (DeploymentState s : d.taskGroups().values()) {
      Instant by = s.requireProgressBy();
      if (s.progressDeadline() == 0 || by == null || by.equals(GoTime.ZERO) || done(s)) {
        continue;
      }
      // RequireProgressBy is Nomad's time (start + deadline); only the deadline part is simulated.
      long start = GoTime.toUnixNanos(by) - s.progressDeadline();
      earliest = Math.min(earliest, start + scale.wallNanos(s.progressDeadline()));
    }
    Long armed = deadlineAt.get(d.id());
    if (armed != null && armed == earliest) {
      return;
    }
    Long old = deadlineTimers.remove(d.id());
    if (old != null) {
      vertx.cancelTimer(old);
    }
    deadlineAt.remove(d.id());
    if (earliest == Long.MAX_VALUE) {
      return;
    }
    long delayMs = Math.max(1, (earliest - GoTime.toUnixNanos(Instant.now())) / 1_000_000);
    String id = d.id();
    deadlineAt.put(id, earliest);
    deadlineTimers.put(id, vertx.setTimer(delayMs, t -> {
      deadlineTimers.remove(id);
      deadlineAt.remove(id);
      Deployment latest = store.snapshot().deployment(id);
      if (latest != null && Deployment.STATUS_RUNNING.equals(latest.status()) && pastDeadline(latest)) {
        forget(id);
        write(id, (w, dep) -> Deployments.fail(w, dep, Deployments.DESC_PROGRESS_DEADLINE));
      } else if (latest != null) {
        watch(latest);
      }
    }));
  }

  private boolean pastDeadline(Deployment d) {
    long now = GoTime.toUnixNanos(Instant.now());
    for (DeploymentState s : d.taskGroups().values()) {
      Instant by = s.requireProgressBy();
      if (s.progressDeadline() == 0 || by == null || by.equals(GoTime.ZERO) || done(s)) {
        continue;
      }
      long start = GoTime.toUnixNanos(by) - s.progressDeadline();
      if (now >= start + scale.wallNanos(s.progressDeadline())) {
        return true;
      }
    }
    return false;
  }

  private static boolean done(DeploymentState s) {
    return s.healthyAllocs() >= Math.max(s.desiredTotal(), s.desiredCanaries())
        && (s.desiredCanaries() == 0 || s.promoted());
  }

  private void forget(String id) {
    healthySeen.remove(id);
    deadlineAt.remove(id);
    Long t = deadlineTimers.remove(id);
    if (t != null) {
      vertx.cancelTimer(t);
    }
  }

  private interface DeploymentWrite {
    void apply(StateWriter w, Deployment latest);
  }

  /** Runs {@code op} on the deployment as the writer sees it, if it is still running. */
  private void write(String id, DeploymentWrite op) {
    store.write(w -> {
      Deployment latest = w.view().deployment(id);
      if (latest != null && Deployment.STATUS_RUNNING.equals(latest.status())) {
        op.apply(w, latest);
      }
      return null;
    }).onFailure(e -> LOG.log(System.Logger.Level.ERROR, "deployment " + id + ": " + e.getMessage(), e));
  }
}
