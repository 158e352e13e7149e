package io.jobgate.scheduler;

import io.jobgate.metrics.Metrics;
import io.jobgate.state.StateStore;
import io.jobgate.structs.Evaluation;
import io.jobgate.structs.TimeScale;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * The leader's scheduling machinery: the {@link EvalBroker}, the {@link DeploymentWatcher} and
 * {@code workers} scheduler threads. Scheduling is CPU work that must never run on an event loop,
 * and each worker blocks while its plan commits, so the workers are plain threads of their own;
 * they reach the broker and the store only through futures.
 */
public final class SchedulerService {

  private static final System.Logger LOG = System.getLogger(SchedulerService.class.getName());

  private final StateStore store;
  private final TimeScale scale;
  private final EvalBroker broker;
  private final DeploymentWatcher watcher;
  private final Planner planner;
  private final int workerCount;
  private final List<Thread> workers = new ArrayList<>();
  private volatile boolean running = true;

  public SchedulerService(Vertx vertx, StateStore store, Metrics metrics, TimeScale scale, int workerCount) {
    this.store = store;
    this.scale = scale;
    this.broker = new EvalBroker(vertx, store, scale);
    broker.registerMeters(metrics);
    this.watcher = new DeploymentWatcher(vertx, store, scale);
    this.planner = new StorePlanner(store, metrics);
    this.workerCount = workerCount;
  }

  public Future<Void> start() {
    return Future.all(broker.start(), watcher.start()).map(v -> {
      for (int i = 0; i < workerCount; i++) {
        Thread t = new Thread(this::work, "jobgate-scheduler-" + i);
        t.setDaemon(true);
        t.start();
        workers.add(t);
      }
      return null;
    });
  }

  public void stop() {
    running = false;
    broker.close();
    for (Thread t : workers) {
      t.interrupt();
    }
  }

  private void work() {
    while (running) {
      Evaluation eval;
      try {
        eval = broker.dequeue().get();
      } catch (InterruptedException e) {
        return;
      } catch (ExecutionException e) {
        LOG.log(System.Logger.Level.ERROR, "broker failed", e.getCause());
        return;
      }
      if (eval == null) {
        return;
      }
      try {
        Scheduler.forType(eval.type(), scale).process(store.snapshot(), eval, planner);
        broker.ack(eval.id());
      } catch (RuntimeException e) {
        if (running) {
          LOG.log(System.Logger.Level.WARNING, "evaluation " + eval.id() + " failed, nacking", e);
        }
        broker.nack(eval.id());
      }
    }
  }
}
