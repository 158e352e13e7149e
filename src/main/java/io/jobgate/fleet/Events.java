package io.jobgate.fleet;

import io.jobgate.structs.TaskEvent;
import java.util.HashMap;
import java.util.Map;

/**
 * Task events as Nomad 0.8's client writes them (spec §13.4): the type, the flat fields and the
 * same values under {@code Details}. {@code DisplayMessage} is left empty; the server fills it in
 * when listing allocations.
 */
final class Events {

  static final String RECEIVED = "Received";
  static final String TASK_SETUP = "Task Setup";
  static final String STARTED = "Started";
  static final String TERMINATED = "Terminated";
  static final String RESTARTING = "Restarting";
  static final String NOT_RESTARTING = "Not Restarting";
  static final String KILLING = "Killing";
  static final String KILLED = "Killed";
  static final String DRIVER_FAILURE = "Driver Failure";
  static final String SIBLING_FAILED = "Sibling Task Failed";

  private Events() {
  }

  private static final class E {
    final String type;
    final long time;
    String message = "";
    final Map<String, String> details = new HashMap<>();
    boolean failsTask;
    String restartReason = "";
    String driverError = "";
    int exitCode;
    long killTimeout;
    long startDelay;
    String failedSibling = "";

    E(String type, long time) {
      this.type = type;
      this.time = time;
    }

    TaskEvent build() {
      return new TaskEvent(type, time, message, "", details.isEmpty() ? null : Map.copyOf(details), failsTask,
          restartReason, "", driverError, exitCode, 0, killTimeout, "", "", startDelay, "", "", 0, failedSibling, "",
          "", "", "", "");
    }
  }

  static TaskEvent simple(String type, long now) {
    return new E(type, now).build();
  }

  static TaskEvent setup(long now) {
    E e = new E(TASK_SETUP, now);
    e.message = "Building Task Directory";
    e.details.put("message", e.message);
    return e.build();
  }

  static TaskEvent terminated(long now, int exitCode) {
    E e = new E(TERMINATED, now);
    e.exitCode = exitCode;
    e.details.put("exit_code", Integer.toString(exitCode));
    e.details.put("signal", "0");
    return e.build();
  }

  static TaskEvent restarting(long now, String reason, long delayNanos) {
    E e = new E(RESTARTING, now);
    e.restartReason = reason;
    e.startDelay = delayNanos;
    e.details.put("restart_reason", reason);
    e.details.put("start_delay", Long.toString(delayNanos));
    return e.build();
  }

  static TaskEvent notRestarting(long now, String reason) {
    E e = new E(NOT_RESTARTING, now);
    e.restartReason = reason;
    e.failsTask = true;
    e.details.put("restart_reason", reason);
    e.details.put("fails_task", "true");
    return e.build();
  }

  static TaskEvent driverFailure(long now, String error) {
    E e = new E(DRIVER_FAILURE, now);
    e.driverError = error;
    e.details.put("driver_error", error);
    return e.build();
  }

  static TaskEvent killing(long now, long killTimeoutNanos) {
    E e = new E(KILLING, now);
    e.killTimeout = killTimeoutNanos;
    e.details.put("kill_timeout", Long.toString(killTimeoutNanos));
    return e.build();
  }

  static TaskEvent siblingFailed(long now, String sibling) {
    E e = new E(SIBLING_FAILED, now);
    e.failedSibling = sibling;
    e.failsTask = false;
    e.details.put("failed_sibling", sibling);
    return e.build();
  }
}
