package io.jobgate.fleet;

import io.jobgate.structs.GoDuration;
import io.jobgate.structs.RestartPolicy;
import io.jobgate.structs.TimeScale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Nomad 0.8's client restart tracker: within the group's restart policy a task that exits is
 * restarted after {@code Delay} (plus up to 25% jitter); past {@code Attempts} in one
 * {@code Interval} it is failed ({@code mode=fail}) or held until the interval ends
 * ({@code mode=delay}). A batch task that exits 0 is done; a service task is restarted even then.
 */
final class RestartTracker {

  static final String REASON_WITHIN_POLICY = "Restart within policy";
  static final String REASON_NO_RESTARTS = "Policy allows no restarts";
  static final String REASON_UNRECOVERABLE = "Error was unrecoverable";
  static final String REASON_DELAY = "Exceeded allowed attempts, applying a delay";
  static final String REASON_SUCCESS = "Restart unnecessary as task terminated successfully";

  enum Kind { TERMINATED, RESTART, FAIL }

  /** What to do after an exit; {@code delayNanos} is Nomad's delay, not yet scaled. */
  record Decision(Kind kind, String reason, long delayNanos) {
  }

  private final RestartPolicy policy;
  private final boolean batch;
  private final TimeScale scale;
  private int count;
  private long windowStart = System.nanoTime();

  RestartTracker(RestartPolicy policy, boolean batch, TimeScale scale) {
    this.policy = policy;
    this.batch = batch;
    this.scale = scale;
  }

  Decision onStartError() {
    return new Decision(Kind.FAIL, REASON_UNRECOVERABLE, 0);
  }

  Decision onExit(boolean success) {
    if (success && batch) {
      return new Decision(Kind.TERMINATED, REASON_SUCCESS, 0);
    }
    int attempts = policy.attempts() == null ? 0 : policy.attempts();
    if (attempts == 0) {
      return new Decision(success ? Kind.TERMINATED : Kind.FAIL, REASON_NO_RESTARTS, 0);
    }
    long now = System.nanoTime();
    long interval = policy.interval() == null ? 0 : policy.interval();
    if (now - windowStart > scale.wallNanos(interval)) {
      count = 0;
      windowStart = now;
    }
    count++;
    if (count > attempts) {
      if ("fail".equals(policy.mode())) {
        return new Decision(Kind.FAIL, "Exceeded allowed attempts " + attempts + " in interval "
            + GoDuration.format(interval) + " and mode is \"fail\"", 0);
      }
      long untilWindowEnd = (long) ((windowStart + scale.wallNanos(interval) - now) / scale.factor());
      return new Decision(Kind.RESTART, REASON_DELAY, Math.max(0, untilWindowEnd));
    }
    long delay = policy.delay() == null ? 0 : policy.delay();
    long jitter = delay > 0 ? ThreadLocalRandom.current().nextLong(delay / 4 + 1) : 0;
    return new Decision(Kind.RESTART, REASON_WITHIN_POLICY, delay + jitter);
  }
}
