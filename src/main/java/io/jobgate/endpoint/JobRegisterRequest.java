package io.jobgate.endpoint;

import io.jobgate.structs.Job;

/** Body of {@code PUT /v1/jobs} and {@code PUT /v1/job/:id} (spec §6). */
public record JobRegisterRequest(
    Job job, Boolean enforceIndex, Long jobModifyIndex, Boolean policyOverride, String region, String namespace,
    String secretID) {
}
