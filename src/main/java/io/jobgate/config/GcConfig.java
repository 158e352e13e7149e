package io.jobgate.config;

import java.time.Duration;

/**
 * Garbage collection (spec §13.1), with Nomad 0.8's server defaults.
 *
 * @param interval            how often a collection pass runs
 * @param evalThreshold       a terminal evaluation (and its terminal allocations) is kept this long
 * @param jobThreshold        a dead batch job or a stopped job is kept this long
 * @param deploymentThreshold a finished deployment with no allocations left is kept this long
 */
public record GcConfig(Duration interval, Duration evalThreshold, Duration jobThreshold, Duration deploymentThreshold) {

  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);
  public static final Duration DEFAULT_EVAL_THRESHOLD = Duration.ofHours(1);
  public static final Duration DEFAULT_JOB_THRESHOLD = Duration.ofHours(4);
  public static final Duration DEFAULT_DEPLOYMENT_THRESHOLD = Duration.ofHours(1);

  public static GcConfig defaults() {
    return new GcConfig(DEFAULT_INTERVAL, DEFAULT_EVAL_THRESHOLD, DEFAULT_JOB_THRESHOLD, DEFAULT_DEPLOYMENT_THRESHOLD);
  }
}
