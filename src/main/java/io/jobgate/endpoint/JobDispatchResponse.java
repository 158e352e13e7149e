package io.jobgate.endpoint;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Reply of {@code …/dispatch} (spec §3.6). */
public record JobDispatchResponse(
    @JsonProperty("DispatchedJobID") String dispatchedJobId,
    @JsonProperty("EvalID") String evalId,
    long evalCreateIndex,
    long jobCreateIndex,
    long index) {
}
