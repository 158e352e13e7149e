package io.jobgate.structs;

import java.util.List;
import java.util.Map;

/** A task group's change; plans add the scheduler's counts in {@code Updates} (spec §12.3). */
public record TaskGroupDiff(
    DiffType type, String name, List<FieldDiff> fields, List<ObjectDiff> objects, List<TaskDiff> tasks,
    Map<String, Long> updates) {
}
