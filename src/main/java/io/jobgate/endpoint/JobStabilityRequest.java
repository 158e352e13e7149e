package io.jobgate.endpoint;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Body of {@code …/stable} (spec §7.15). */
public record JobStabilityRequest(
    @JsonProperty("JobID") String jobId, Long jobVersion, Boolean stable, String region, String namespace) {
}
