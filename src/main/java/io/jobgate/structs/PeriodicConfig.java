package io.jobgate.structs;

/** The periodic stanza of a batch job (spec §3.1, §11). */
public record PeriodicConfig(
    Boolean enabled, String spec, String specType, Boolean prohibitOverlap, String timeZone) {

  public boolean enabledOrFalse() {
    return Boolean.TRUE.equals(enabled);
  }
}
