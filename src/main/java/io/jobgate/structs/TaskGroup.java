package io.jobgate.structs;

import java.util.List;
import java.util.Map;

/** A task group (spec §3.2). */
public record TaskGroup(
    String name,
    Integer count,
    UpdateStrategy update,
    MigrateStrategy migrate,
    List<Constraint> constraints,
    RestartPolicy restartPolicy,
    List<Task> tasks,
    EphemeralDisk ephemeralDisk,
    Map<String, String> meta,
    ReschedulePolicy reschedulePolicy) {

  public int countOrZero() {
    return count == null ? 0 : count;
  }
}
