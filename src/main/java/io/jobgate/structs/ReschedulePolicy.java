package io.jobgate.structs;

/** Reschedule policy of a task group (spec §3.2). */
public record ReschedulePolicy(
    Integer attempts, Long interval, Long delay, String delayFunction, Long maxDelay, Boolean unlimited) {

  /** Nomad's {@code Enabled()}: a policy reschedules when it has attempts or is unlimited. */
  public boolean reschedules() {
    return (attempts != null && attempts > 0) || Boolean.TRUE.equals(unlimited);
  }
}
