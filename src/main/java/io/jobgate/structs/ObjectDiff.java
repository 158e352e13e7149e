package io.jobgate.structs;

import java.util.List;

/** A nested object's change: its fields and nested objects (spec §12.2). */
public record ObjectDiff(DiffType type, String name, List<FieldDiff> fields, List<ObjectDiff> objects) {
}
