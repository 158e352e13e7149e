package io.jobgate.structs;

/** Children counters of a periodic or parameterized parent (spec §3.5, §9.3). */
public record JobChildrenSummary(long pending, long running, long dead) {

  public static final JobChildrenSummary EMPTY = new JobChildrenSummary(0, 0, 0);

  /** Moves one child from the bucket of {@code from} (may be null for a new child) to {@code to}. */
  public JobChildrenSummary move(String from, String to) {
    long p = pending;
    long r = running;
    long d = dead;
    if (from != null) {
      switch (from) {
        case Job.STATUS_PENDING -> p = Math.max(0, p - 1);
        case Job.STATUS_RUNNING -> r = Math.max(0, r - 1);
        case Job.STATUS_DEAD -> d = Math.max(0, d - 1);
        default -> { }
      }
    }
    switch (to) {
      case Job.STATUS_PENDING -> p++;
      case Job.STATUS_RUNNING -> r++;
      case Job.STATUS_DEAD -> d++;
      default -> { }
    }
    return new JobChildrenSummary(p, r, d);
  }
}
