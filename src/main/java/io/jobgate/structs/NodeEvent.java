package io.jobgate.structs;

import java.time.Instant;
import java.util.Map;

/** An event in a node's life, such as its registration (Nomad 0.8 {@code NodeEvent}). */
public record NodeEvent(String message, String subsystem, Map<String, String> details, Instant timestamp,
    long createIndex) {
}
