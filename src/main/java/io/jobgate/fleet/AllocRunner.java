package io.jobgate.fleet;

import io.jobgate.structs.AllocDeploymentStatus;
import io.jobgate.structs.Allocation;
import io.jobgate.structs.GoTime;
import io.jobgate.structs.Job;
import io.jobgate.structs.Task;
import io.jobgate.structs.TaskGroup;
import io.jobgate.structs.TaskState;
import io.jobgate.structs.TimeScale;
import io.jobgate.structs.UpdateStrategy;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One allocation on a simulated node (Nomad's client alloc runner): runs its tasks, derives the
 * client status from their states (spec §13.3), kills siblings when a task fails, and, inside a
 * deployment, reports health: healthy once every task has run {@code MinHealthyTime} without a
 * restart, unhealthy when the allocation fails or {@code HealthyDeadline} passes first (spec §14;
 * {@code checks} behaves like {@code task_states} here, {@code manual} is left to the operator).
 */
final class AllocRunner {

  private final Vertx vertx;
  private final TimeScale scale;
  private final ClientUpdates updates;
  private final Map<String, TaskRunner> tasks = new LinkedHashMap<>();
  private Allocation alloc;
  private String clientStatus = Allocation.CLIENT_PENDING;
  private AllocDeploymentStatus deploymentStatus;
  /** The group's update strategy while the allocation is in a deployment that wants health. */
  private UpdateStrategy health;
  private long healthTimer = -1;
  private long deadlineTimer = -1;

  AllocRunner(Vertx vertx, TimeScale scale, ClientUpdates updates, Allocation alloc) {
    this.vertx = vertx;
    this.scale = scale;
    this.updates = updates;
    this.alloc = alloc;
    this.deploymentStatus = alloc.deploymentStatus();
    Job job = alloc.job();
    TaskGroup tg = job.lookupTaskGroup(alloc.taskGroup());
    boolean batch = Job.TYPE_BATCH.equals(job.type());
    for (Task t : tg.tasks()) {
      tasks.put(t.name(), new TaskRunner(vertx, scale, t, MockTaskConfig.of(t.config(), batch),
          new RestartTracker(tg.restartPolicy(), batch, scale), this));
    }
  }

  /**
   * Runs the allocation's tasks: a new allocation's from the start, one this fleet ran before the
   * agent restarted from the states it stored (see {@link TaskRunner#resume}).
   */
  void start() {
    Map<String, TaskState> stored = alloc.taskStates() == null ? Map.of() : alloc.taskStates();
    for (TaskRunner t : tasks.values()) {
      t.resume(stored.get(t.name()));
    }
    clientStatus = clientStatus();
    watchHealth();
    publish();
  }

  /** Starts the health clock for the allocation's current deployment, if it has one. */
  private void watchHealth() {
    cancelHealth();
    TaskGroup tg = alloc.job().lookupTaskGroup(alloc.taskGroup());
    boolean inDeployment = alloc.deploymentId() != null && !alloc.deploymentId().isEmpty();
    health = inDeployment && tg.update() != null && !"manual".equals(tg.update().healthCheck()) ? tg.update() : null;
    if (health == null) {
      return;
    }
    if (health.healthyDeadline() != null && health.healthyDeadline() > 0) {
      deadlineTimer = vertx.setTimer(scale.timerMillis(health.healthyDeadline()), t -> {
        deadlineTimer = -1;
        setHealth(false);
      });
    }
    trackHealth();
  }

  /**
   * The server changed the allocation: a stop or eviction kills its tasks; an in-place update
   * into a new deployment restarts the health clock for it.
   */
  void update(Allocation latest) {
    boolean newDeployment = !java.util.Objects.equals(latest.deploymentId(), alloc.deploymentId());
    alloc = latest;
    if (newDeployment && !latest.terminal()) {
      deploymentStatus = latest.deploymentStatus();
      watchHealth();
    }
    if (Allocation.DESIRED_STOP.equals(latest.desiredStatus()) || Allocation.DESIRED_EVICT.equals(latest.desiredStatus())) {
      cancelHealth();
      for (TaskRunner t : tasks.values()) {
        t.kill();
      }
    }
  }

  boolean finished() {
    for (TaskRunner t : tasks.values()) {
      if (!t.dead()) {
        return false;
      }
    }
    return true;
  }

  /** A task changed state: fail its siblings if it failed, re-derive status and health, report. */
  void changed(TaskRunner task) {
    if (task.dead() && task.failed()) {
      for (TaskRunner t : tasks.values()) {
        if (t != task) {
          t.siblingFailed(task.name());
        }
      }
    }
    clientStatus = clientStatus();
    if (health != null && (deploymentStatus == null || deploymentStatus.healthy() == null)) {
      trackHealth();
    }
    publish();
  }

  private void trackHealth() {
    if (Allocation.CLIENT_FAILED.equals(clientStatus)) {
      setHealth(false);
      return;
    }
    if (healthTimer >= 0) {
      vertx.cancelTimer(healthTimer);
      healthTimer = -1;
    }
    boolean allRunning = tasks.values().stream().allMatch(TaskRunner::running);
    if (allRunning) {
      long min = health.minHealthyTime() == null ? 0 : health.minHealthyTime();
      healthTimer = vertx.setTimer(scale.timerMillis(min), t -> {
        healthTimer = -1;
        if (tasks.values().stream().allMatch(TaskRunner::running)) {
          setHealth(true);
        }
      });
    }
  }

  private void setHealth(boolean healthy) {
    if (deploymentStatus != null && deploymentStatus.healthy() != null) {
      return;
    }
    if (Allocation.DESIRED_STOP.equals(alloc.desiredStatus())) {
      return;
    }
    cancelHealth();
    boolean canary = deploymentStatus != null && deploymentStatus.canary();
    deploymentStatus = new AllocDeploymentStatus(healthy, Instant.now(), canary, 0);
    publish();
  }

  private void cancelHealth() {
    if (healthTimer >= 0) {
      vertx.cancelTimer(healthTimer);
      healthTimer = -1;
    }
    if (deadlineTimer >= 0) {
      vertx.cancelTimer(deadlineTimer);
      deadlineTimer = -1;
    }
  }

  /** Spec §13.3: failed, else running, else pending, else complete. */
  private String clientStatus() {
    boolean running = false;
    boolean pending = false;
    for (TaskRunner t : tasks.values()) {
      if (t.dead() && t.failed()) {
        return Allocation.CLIENT_FAILED;
      }
      running |= t.running();
      pending |= !t.dead() && !t.running();
    }
    return running ? Allocation.CLIENT_RUNNING : pending ? Allocation.CLIENT_PENDING : Allocation.CLIENT_COMPLETE;
  }

  private void publish() {
    Map<String, TaskState> states = new LinkedHashMap<>();
    for (TaskRunner t : tasks.values()) {
      states.put(t.name(), t.snapshot());
    }
    updates.put(new ClientUpdates.ClientState(alloc.id(), clientStatus, Map.copyOf(states), deploymentStatus,
        GoTime.toUnixNanos(Instant.now())));
  }
}
