package io.jobgate.endpoint;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Body of {@code …/revert} (spec §7.14). */
public record JobRevertRequest(
    @JsonProperty("JobID") String jobId, Long jobVersion, Long enforcePriorVersion, String region, String namespace) {
}
