package io.jobgate.config;

/**
 * The evaluation broker and scheduler workers.
 *
 * @param enabled whether evaluations are scheduled at all; off, evals stay pending as they were
 *                filed (tests that check Nomad's exact indexes of a bare store run this way)
 * @param workers scheduler worker threads; 0 means one per core (Nomad's {@code num_schedulers})
 */
public record SchedulerConfig(boolean enabled, int workers) {

  public static final boolean DEFAULT_ENABLED = true;
  public static final int DEFAULT_WORKERS = 0;

  public static SchedulerConfig defaults() {
    return new SchedulerConfig(DEFAULT_ENABLED, DEFAULT_WORKERS);
  }

  public int effectiveWorkers() {
    return workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
  }
}
