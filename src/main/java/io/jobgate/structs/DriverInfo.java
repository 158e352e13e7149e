package io.jobgate.structs;

import java.time.Instant;
import java.util.Map;

/** What a node reports about one task driver (Nomad 0.8 {@code DriverInfo}). */
public record DriverInfo(Map<String, String> attributes, boolean detected, boolean healthy,
    String healthDescription, Instant updateTime) {
}
