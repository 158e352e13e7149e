package io.jobgate.structs;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An element of {@code GET /v1/jobs} (spec §3.4), with Nomad 0.12's {@code Namespace}: a
 * {@code namespace=*} list needs it, and 0.8 clients ignore a field they do not know.
 */
public record JobListStub(
    @JsonProperty("ID") String id,
    @JsonProperty("ParentID") String parentId,
    String name,
    String namespace,
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
    return new JobListStub(job.id(), job.parentId(), job.name(), job.namespace(), job.type(), job.priority(),
        job.periodicJob(), job.parameterizedParent(), job.stopped(), job.status(), job.statusDescription(),
        summary, job.createIndex(), job.modifyIndex(), job.jobModifyIndex(), job.submitTime());
  }
}
