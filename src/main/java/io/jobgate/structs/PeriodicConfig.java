package io.jobgate.structs;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Optional;

/** The periodic stanza of a batch job (spec §3.1, §11). */
public record PeriodicConfig(
    Boolean enabled, String spec, String specType, Boolean prohibitOverlap, String timeZone) {

  public static final String SPEC_CRON = "cron";
  /** Nomad's test spec type: the spec lists launch times as Unix seconds, comma separated. */
  public static final String SPEC_TEST = "_internal_test";

  public boolean enabledOrFalse() {
    return Boolean.TRUE.equals(enabled);
  }

  public boolean prohibitsOverlap() {
    return Boolean.TRUE.equals(prohibitOverlap);
  }

  /** The zone launches are computed in, as Go's {@code time.LoadLocation} reads the name. */
  public ZoneId zone() {
    String tz = timeZone == null ? "" : timeZone;
    if (tz.isEmpty() || tz.equals("UTC")) {
      return ZoneOffset.UTC;
    }
    return tz.equals("Local") ? ZoneId.systemDefault() : ZoneId.of(tz);
  }

  /**
   * The first launch strictly after {@code after}, in the job's zone; empty when there is none.
   *
   * @throws IllegalStateException when the spec cannot be evaluated (Nomad: {@code failed
   *     parsing cron expression: "<spec>"})
   */
  public Optional<ZonedDateTime> next(Instant after) {
    ZonedDateTime from = after.atZone(zone());
    if (SPEC_TEST.equals(specType)) {
      try {
        return Arrays.stream(spec.split(","))
            .map(s -> Instant.ofEpochSecond(Long.parseLong(s)).atZone(from.getZone()))
            .filter(t -> t.isAfter(from))
            .findFirst();
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    try {
      return CronSpec.parse(spec).next(from);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("failed parsing cron expression: " + GoFmt.q(spec) + ": " + e.getMessage());
    }
  }
}
