package io.jobgate.endpoint;

import io.jobgate.structs.Job;

/** Body of {@code …/plan} (spec §7.12). */
public record JobPlanRequest(
    Job job, Boolean diff, Boolean policyOverride, String region, String namespace, String secretID) {
}
