package io.jobgate.fleet;

import io.jobgate.structs.GoDuration;
import java.util.Map;

/**
 * What the mock driver reads from a task's {@code Config}, whatever the task's driver is called:
 * {@code run_for} (a Go duration; without it a service task runs until stopped, a batch task
 * exits at once), {@code exit_code}, {@code start_error}, {@code start_block_for} and
 * {@code kill_after} (how long the task takes to die when killed; KillTimeout caps it).
 * Durations are simulated time. Unparsable values count as absent.
 */
record MockTaskConfig(long runForNanos, boolean runsForever, int exitCode, String startError,
    long startBlockNanos, long killAfterNanos) {

  static MockTaskConfig of(Map<String, Object> config, boolean batch) {
    Map<String, Object> c = config == null ? Map.of() : config;
    long runFor = duration(c.get("run_for"));
    boolean forever = runFor < 0 && !batch;
    return new MockTaskConfig(Math.max(0, runFor), forever, integer(c.get("exit_code")),
        c.get("start_error") == null ? "" : c.get("start_error").toString(),
        Math.max(0, duration(c.get("start_block_for"))), Math.max(0, duration(c.get("kill_after"))));
  }

  private static long duration(Object v) {
    if (v == null) {
      return -1;
    }
    if (v instanceof Number n) {
      return n.longValue();
    }
    try {
      return GoDuration.parse(v.toString());
    } catch (IllegalArgumentException e) {
      return -1;
    }
  }

  private static int integer(Object v) {
    if (v instanceof Number n) {
      return n.intValue();
    }
    if (v == null) {
      return 0;
    }
    try {
      return Integer.parseInt(v.toString().trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
