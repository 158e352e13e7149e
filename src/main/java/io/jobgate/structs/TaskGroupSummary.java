package io.jobgate.structs;

/** Per-group allocation counters of a job summary (spec §3.5, §9.2). */
public record TaskGroupSummary(int queued, int complete, int failed, int running, int starting, int lost) {

  public static final TaskGroupSummary EMPTY = new TaskGroupSummary(0, 0, 0, 0, 0, 0);
}
