package io.jobgate.structs;

/**
 * How fast simulated time runs against the wall clock. Every duration the simulation waits out
 * (a task's {@code run_for}, restart and reschedule delays, health and progress deadlines, kill
 * timeouts) is multiplied by {@code factor}; what the API reports stays in Nomad's terms (a
 * {@code Delay} of 30s reads 30s even when the wait took 0.3s at factor 0.01).
 */
public record TimeScale(double factor) {

  public static final TimeScale REAL = new TimeScale(1.0);

  public TimeScale {
    if (!(factor > 0)) {
      throw new IllegalArgumentException("time scale must be positive: " + factor);
    }
  }

  /** {@code nanos} of simulated time as wall-clock nanoseconds. */
  public long wallNanos(long nanos) {
    return factor == 1.0 ? nanos : (long) (nanos * factor);
  }

  /** {@code nanos} of simulated time as a timer delay in milliseconds (at least 1, as Vert.x wants). */
  public long timerMillis(long nanos) {
    return Math.max(1, wallNanos(nanos) / 1_000_000);
  }
}
