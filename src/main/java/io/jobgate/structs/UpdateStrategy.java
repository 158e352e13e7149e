package io.jobgate.structs;

/** Rolling-update settings (spec §3.1, defaults §4.3). Durations are nanoseconds. */
public record UpdateStrategy(
    Long stagger,
    Integer maxParallel,
    String healthCheck,
    Long minHealthyTime,
    Long healthyDeadline,
    Long progressDeadline,
    Boolean autoRevert,
    Integer canary) {

  /** The all-zero strategy a job without an update block reports at job level. */
  public static final UpdateStrategy ZERO = new UpdateStrategy(0L, 0, "", 0L, 0L, 0L, false, 0);
}
