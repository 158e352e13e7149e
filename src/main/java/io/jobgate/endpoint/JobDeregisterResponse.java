package io.jobgate.endpoint;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Reply of {@code DELETE /v1/job/:id} (spec §3.6). */
public record JobDeregisterResponse(
    @JsonProperty("EvalID") String evalId,
    long evalCreateIndex,
    long jobModifyIndex,
    long index,
    long lastContact,
    boolean knownLeader) {
}
