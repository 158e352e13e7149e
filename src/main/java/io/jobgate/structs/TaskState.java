package io.jobgate.structs;

import java.time.Instant;
import java.util.List;

/** The state of one task of an allocation (spec §13.4). */
public record TaskState(
    String state,
    boolean failed,
    long restarts,
    Instant lastRestart,
    Instant startedAt,
    Instant finishedAt,
    List<TaskEvent> events) {

  public static final String PENDING = "pending";
  public static final String RUNNING = "running";
  public static final String DEAD = "dead";
}
