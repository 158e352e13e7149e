package io.jobgate.structs;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * When a periodic job last launched (Nomad's {@code PeriodicLaunch}, spec §11). The first row of
 * a job records when it was registered, so a launch missed before the first run is caught up too.
 */
public record PeriodicLaunch(
    @JsonProperty("ID") String id,
    String namespace,
    Instant launch,
    long createIndex,
    long modifyIndex) {
}
