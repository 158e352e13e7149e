package io.jobgate.structs;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How an object changed between two versions (spec §12.2). Declared in Nomad's sort order for
 * diffs of the same name: Edited, Added, Deleted, None.
 */
public enum DiffType {
  EDITED("Edited"), ADDED("Added"), DELETED("Deleted"), NONE("None");

  private final String wireName;

  DiffType(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }
}
