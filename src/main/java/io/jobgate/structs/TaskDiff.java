package io.jobgate.structs;

import java.util.List;

/** A task's change; plans add annotations such as {@code forces in-place update} (spec §12.3). */
public record TaskDiff(
    DiffType type, String name, List<FieldDiff> fields, List<ObjectDiff> objects, List<String> annotations) {
}
