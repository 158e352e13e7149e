package io.jobgate.endpoint;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Reply to a deployment promote or fail (Nomad's {@code DeploymentUpdateResponse}). */
public record DeploymentUpdateResponse(
    @JsonProperty("EvalID") String evalId,
    long evalCreateIndex,
    long deploymentModifyIndex,
    Long revertedJobVersion,
    long index) {
}
