package io.jobgate.structs;

import static io.jobgate.structs.GoDuration.SECOND;
import static io.jobgate.structs.GoDuration.format;
import static io.jobgate.structs.GoFmt.q;
import static io.jobgate.structs.Nulls.bool;
import static io.jobgate.structs.Nulls.num;
import static io.jobgate.structs.Nulls.str;

import java.util.ArrayList;
import java.util.List;

/** Validation of a group's restart, reschedule, update and migrate blocks (spec §5.2). */
final class PolicyValidator {

  private static final long RESTART_MIN_INTERVAL = 5 * SECOND;
  private static final long RESCHEDULE_MIN_INTERVAL = 15 * SECOND;
  private static final long RESCHEDULE_MIN_DELAY = 5 * SECOND;
  private static final List<String> DELAY_FUNCTIONS = List.of("constant", "exponential", "fibonacci");

  private PolicyValidator() {
  }

  static List<String> restart(RestartPolicy r) {
    List<String> errors = new ArrayList<>();
    String mode = str(r.mode());
    int attempts = num(r.attempts());
    long interval = num(r.interval());
    long delay = num(r.delay());
    if (!mode.equals("delay") && !mode.equals("fail")) {
      errors.add("Unsupported restart mode: " + q(mode));
    }
    if (attempts == 0 && !mode.equals("fail")) {
      errors.add("Restart policy " + q(mode) + " with 0 attempts is ambiguous");
    }
    if (interval < RESTART_MIN_INTERVAL) {
      errors.add("Interval can not be less than 5s (got " + format(interval) + ")");
    }
    // Go multiplies int64 durations with wrap-around; so does Java's long arithmetic.
    if (attempts * delay > interval) {
      errors.add("Nomad can't restart the TaskGroup " + attempts + " times in an interval of " + format(interval)
          + " with a delay of " + format(delay));
    }
    return errors;
  }

  /** Only an enabled policy (attempts or unlimited) is checked. */
  static List<String> reschedule(ReschedulePolicy r) {
    List<String> errors = new ArrayList<>();
    if (!r.reschedules()) {
      return errors;
    }
    int attempts = num(r.attempts());
    long interval = num(r.interval());
    long delay = num(r.delay());
    long maxDelay = num(r.maxDelay());
    boolean unlimited = bool(r.unlimited());
    String function = str(r.delayFunction());
    if (attempts > 0) {
      if (interval <= 0) {
        errors.add("Interval must be a non zero value if Attempts > 0");
      }
      if (unlimited) {
        errors.add("Reschedule Policy with Attempts = " + attempts + ", Interval = " + format(interval)
            + ", and Unlimited = true is ambiguous");
        errors.add("If Attempts >0, Unlimited cannot also be set to true");
      }
    }
    boolean delayPreCheck = true;
    if (delay < RESCHEDULE_MIN_DELAY) {
      errors.add("Delay cannot be less than 5s (got " + format(delay) + ")");
      delayPreCheck = false;
    }
    if (!DELAY_FUNCTIONS.contains(function)) {
      errors.add("Invalid delay function " + q(function) + ", must be one of " + GoFmt.qList(DELAY_FUNCTIONS));
      delayPreCheck = false;
    }
    if (!function.equals("constant")) {
      if (maxDelay < RESCHEDULE_MIN_DELAY) {
        // Nomad prints Delay, not MaxDelay, in this message.
        errors.add("Max Delay cannot be less than 5s (got " + format(delay) + ")");
        delayPreCheck = false;
      }
      if (maxDelay < delay) {
        errors.add("Max Delay cannot be less than Delay " + format(delay) + " (got " + format(maxDelay) + ")");
        delayPreCheck = false;
      }
    }
    if (!unlimited) {
      if (interval < RESCHEDULE_MIN_INTERVAL) {
        errors.add("Interval cannot be less than 15s (got " + format(interval) + ")");
      }
      if (delayPreCheck) {
        errors.addAll(RescheduleFeasibility.errors(attempts, interval, delay, function, maxDelay));
      }
    }
    return errors;
  }

  static List<String> update(UpdateStrategy u) {
    List<String> errors = new ArrayList<>();
    String healthCheck = str(u.healthCheck());
    int maxParallel = num(u.maxParallel());
    int canary = num(u.canary());
    long minHealthy = num(u.minHealthyTime());
    long healthyDeadline = num(u.healthyDeadline());
    long progressDeadline = num(u.progressDeadline());
    long stagger = num(u.stagger());
    if (!List.of("checks", "task_states", "manual").contains(healthCheck)) {
      errors.add("Invalid health check given: " + q(healthCheck));
    }
    if (maxParallel < 1) {
      errors.add("Max parallel can not be less than one: " + maxParallel + " < 1");
    }
    if (canary < 0) {
      errors.add("Canary count can not be less than zero: " + canary + " < 0");
    }
    if (minHealthy < 0) {
      errors.add("Minimum healthy time may not be less than zero: " + format(minHealthy));
    }
    if (healthyDeadline <= 0) {
      errors.add("Healthy deadline must be greater than zero: " + format(healthyDeadline));
    }
    if (progressDeadline < 0) {
      errors.add("Progress deadline must be zero or greater: " + format(progressDeadline));
    }
    if (minHealthy >= healthyDeadline) {
      errors.add("Minimum healthy time must be less than healthy deadline: " + format(minHealthy) + " > "
          + format(healthyDeadline));
    }
    if (progressDeadline != 0 && healthyDeadline >= progressDeadline) {
      errors.add("Healthy deadline must be less than progress deadline: " + format(healthyDeadline) + " > "
          + format(progressDeadline));
    }
    if (stagger <= 0) {
      errors.add("Stagger must be greater than zero: " + format(stagger));
    }
    return errors;
  }

  static List<String> migrate(MigrateStrategy m) {
    List<String> errors = new ArrayList<>();
    int maxParallel = num(m.maxParallel());
    String healthCheck = str(m.healthCheck());
    long minHealthy = num(m.minHealthyTime());
    long healthyDeadline = num(m.healthyDeadline());
    if (maxParallel < 0) {
      errors.add("MaxParallel must be >= 0 but found " + maxParallel);
    }
    switch (healthCheck) {
      case "checks", "task_states" -> {
      }
      case "" -> {
        if (maxParallel > 0) {
          errors.add("Missing HealthCheck");
        }
      }
      default -> errors.add("Invalid HealthCheck: " + q(healthCheck));
    }
    if (minHealthy < 0) {
      errors.add("MinHealthyTime is " + format(minHealthy) + " and must be >= 0");
    }
    if (healthyDeadline < 0) {
      errors.add("HealthyDeadline is " + format(healthyDeadline) + " and must be >= 0");
    }
    if (minHealthy > healthyDeadline) {
      errors.add("MinHealthyTime must be less than HealthyDeadline");
    }
    return errors;
  }
}
