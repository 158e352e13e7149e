package io.jobgate.endpoint;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Reply of {@code …/periodic/force} (spec §3.6). */
public record PeriodicForceResponse(@JsonProperty("EvalID") String evalId, long evalCreateIndex, long index) {
}
