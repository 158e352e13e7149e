package io.jobgate.structs;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** A job's summary (spec §3.5). */
public record JobSummary(
    @JsonProperty("JobID") String jobId,
    String namespace,
    Map<String, TaskGroupSummary> summary,
    JobChildrenSummary children,
    long createIndex,
    long modifyIndex) {
}
