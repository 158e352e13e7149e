package io.jobgate.structs;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The contextual diff of two versions of a job (spec §12.2), as plan and versions return it. */
public record JobDiff(
    DiffType type,
    @JsonProperty("ID") String id,
    List<FieldDiff> fields,
    List<ObjectDiff> objects,
    List<TaskGroupDiff> taskGroups) {
}
