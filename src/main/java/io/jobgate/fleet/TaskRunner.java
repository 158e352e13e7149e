package io.jobgate.fleet;

import io.jobgate.structs.GoTime;
import io.jobgate.structs.Task;
import io.jobgate.structs.TaskEvent;
import io.jobgate.structs.TaskState;
import io.jobgate.structs.TimeScale;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One task of a simulated allocation, driven by the mock driver's config (see
 * {@link MockTaskConfig}): start (after {@code start_block_for}, or failing with
 * {@code start_error}), run for {@code run_for}, exit with {@code exit_code}, restart per policy,
 * die on kill within the task's KillTimeout. Lives on the fleet's event loop; timers are scaled
 * simulated time, reported times are the wall clock.
 */
final class TaskRunner {

  /** The restart reason of a task taken up again after the agent restarted. */
  static final String RESTARTED_WITH_AGENT = "Restarted after the agent restarted";

  /** Events kept per task, as Nomad's client keeps them. */
  private static final int MAX_EVENTS = 10;

  /** Nomad's default KillTimeout, for tasks stored without one. */
  private static final long DEFAULT_KILL_TIMEOUT = 5_000_000_000L;

  private final Vertx vertx;
  private final TimeScale scale;
  private final Task task;
  private final MockTaskConfig config;
  private final RestartTracker restarts;
  private final AllocRunner alloc;
  private String state = TaskState.PENDING;
  private boolean failed;
  private long restartCount;
  private Instant lastRestart = GoTime.ZERO;
  private Instant startedAt = GoTime.ZERO;
  private Instant finishedAt = GoTime.ZERO;
  private final List<TaskEvent> events = new ArrayList<>();
  private long timer = -1;
  private boolean killing;

  TaskRunner(Vertx vertx, TimeScale scale, Task task, MockTaskConfig config, RestartTracker restarts,
      AllocRunner alloc) {
    this.vertx = vertx;
    this.scale = scale;
    this.task = task;
    this.config = config;
    this.restarts = restarts;
    this.alloc = alloc;
  }

  String name() {
    return task.name();
  }

  boolean dead() {
    return TaskState.DEAD.equals(state);
  }

  boolean running() {
    return TaskState.RUNNING.equals(state);
  }

  boolean failed() {
    return failed;
  }

  /** Nomad's client keeps a task's last ten events, dropping the oldest. */
  private void event(TaskEvent e) {
    if (events.size() == MAX_EVENTS) {
      events.remove(0);
    }
    events.add(e);
  }

  TaskState snapshot() {
    return new TaskState(state, failed, restartCount, lastRestart, startedAt, finishedAt, List.copyOf(events));
  }

  private void receive() {
    long now = nowNanos();
    event(Events.simple(Events.RECEIVED, now));
    event(Events.setup(now));
    schedule(config.startBlockNanos(), this::start);
  }

  /**
   * Runs the task: from the start if it has no {@code stored} state, else takes it up again after
   * the agent restarted. Its simulated process died with the agent, so a task that had not
   * finished is restarted at once, with a {@code Restarting} event after its history, as a Nomad
   * client shows when it cannot reattach to a task after a restart; a finished task stays as it was.
   */
  void resume(TaskState stored) {
    if (stored == null) {
      receive();
      return;
    }
    (stored.events() == null ? List.<TaskEvent>of() : stored.events()).forEach(this::event);
    failed = stored.failed();
    restartCount = stored.restarts();
    lastRestart = stored.lastRestart() == null ? GoTime.ZERO : stored.lastRestart();
    startedAt = stored.startedAt() == null ? GoTime.ZERO : stored.startedAt();
    finishedAt = stored.finishedAt() == null ? GoTime.ZERO : stored.finishedAt();
    if (TaskState.DEAD.equals(stored.state())) {
      state = TaskState.DEAD;
      return;
    }
    event(Events.restarting(nowNanos(), RESTARTED_WITH_AGENT, 0));
    state = TaskState.PENDING;
    restartCount++;
    lastRestart = Instant.now();
    schedule(config.startBlockNanos(), this::start);
  }

  private void start() {
    if (killing || dead()) {
      return;
    }
    long now = nowNanos();
    if (!config.startError().isEmpty()) {
      event(Events.driverFailure(now, config.startError()));
      decide(restarts.onStartError());
      return;
    }
    state = TaskState.RUNNING;
    // Nomad moves StartedAt on every start, restarts included.
    startedAt = Instant.now();
    event(Events.simple(Events.STARTED, now));
    alloc.changed(this);
    if (!config.runsForever()) {
      schedule(config.runForNanos(), this::exit);
    }
  }

  private void exit() {
    if (killing || dead()) {
      return;
    }
    event(Events.terminated(nowNanos(), config.exitCode()));
    decide(restarts.onExit(config.exitCode() == 0));
  }

  private void decide(RestartTracker.Decision d) {
    long now = nowNanos();
    switch (d.kind()) {
      case RESTART -> {
        event(Events.restarting(now, d.reason(), d.delayNanos()));
        state = TaskState.PENDING;
        restartCount++;
        lastRestart = Instant.now();
        alloc.changed(this);
        schedule(d.delayNanos(), this::start);
      }
      case TERMINATED -> finish(false);
      case FAIL -> {
        event(Events.notRestarting(now, d.reason()));
        finish(true);
      }
      default -> throw new IllegalStateException(d.kind().name());
    }
  }

  private void finish(boolean asFailure) {
    state = TaskState.DEAD;
    failed = asFailure;
    finishedAt = Instant.now();
    alloc.changed(this);
  }

  /** A sibling failed: this task is killed too, without failing itself. */
  void siblingFailed(String sibling) {
    if (dead()) {
      return;
    }
    event(Events.siblingFailed(nowNanos(), sibling));
    kill();
  }

  /** Interrupt, then dead after {@code kill_after} capped by the task's KillTimeout. */
  void kill() {
    if (dead() || killing) {
      return;
    }
    killing = true;
    cancel();
    long killTimeout = task.killTimeout() == null ? DEFAULT_KILL_TIMEOUT : task.killTimeout();
    event(Events.killing(nowNanos(), killTimeout));
    alloc.changed(this);
    long dies = running() ? Math.min(config.killAfterNanos(), killTimeout) : 0;
    schedule(dies, () -> {
      event(Events.simple(Events.KILLED, nowNanos()));
      finish(false);
    });
  }

  void cancel() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  private void schedule(long simulatedNanos, Runnable r) {
    cancel();
    if (simulatedNanos <= 0) {
      timer = vertx.setTimer(1, t -> {
        timer = -1;
        r.run();
      });
      return;
    }
    timer = vertx.setTimer(scale.timerMillis(simulatedNanos), t -> {
      timer = -1;
      r.run();
    });
  }

  private static long nowNanos() {
    return GoTime.toUnixNanos(Instant.now());
  }
}
