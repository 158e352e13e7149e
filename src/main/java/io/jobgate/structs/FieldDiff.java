package io.jobgate.structs;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One primitive field's change, values flattened to strings (spec §12.2). */
public record FieldDiff(
    DiffType type,
    String name,
    @JsonProperty("Old") String oldValue,
    @JsonProperty("New") String newValue,
    List<String> annotations) {

  FieldDiff withAnnotation(String annotation) {
    return new FieldDiff(type, name, oldValue, newValue, List.of(annotation));
  }
}
