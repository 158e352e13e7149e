package io.jobgate.endpoint;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.jobgate.structs.AllocMetric;
import io.jobgate.structs.Evaluation;
import io.jobgate.structs.JobDiff;
import io.jobgate.structs.PlanAnnotations;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/**
 * Reply of {@code …/plan} (spec §3.6). {@code NextPeriodicLaunch} keeps the job's zone, as Go
 * prints a time with a location; the zero time when the job is not periodic.
 */
public record JobPlanResponse(
    PlanAnnotations annotations,
    @JsonProperty("FailedTGAllocs") Map<String, AllocMetric> failedTGAllocs,
    long jobModifyIndex,
    List<Evaluation> createdEvals,
    JobDiff diff,
    ZonedDateTime nextPeriodicLaunch,
    String warnings,
    long index) {
}
