package io.jobgate.structs;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An element of {@code GET /v1/jobs} (spec §3.4). */
public record JobListStub(
    @JsonProperty("ID") String id,
    @JsonProperty("ParentID") String parentId,
    String name,
    String type,
    int priority,
    boolean periodic,
    boolean parameterizedJob,
    boolean stop,
    String status,
    String statusDescription,
    JobSummary jobSummary,
    long createIndex,
    long modifyIndex,
    long jobModifyIndex,
    long submitTime) {

  public static JobListStub of(Job job, JobSummary summary) {
    return new JobListStub(job.id(), job.parentId(), job.name(), job.type(), job.priority(),
        job.periodicJob(), job.parameterizedParent(), job.stopped(), job.status(), job.statusDescription(),
        summary, job.createIndex(), job.modifyIndex(), job.jobModifyIndex(), job.submitTime());
  }
}
