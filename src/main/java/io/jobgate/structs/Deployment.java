package io.jobgate.structs;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** A deployment (spec §14). */
public record Deployment(
    @JsonProperty("ID") String id,
    String namespace,
    @JsonProperty("JobID") String jobId,
    long jobVersion,
    long jobModifyIndex,
    long jobSpecModifyIndex,
    long jobCreateIndex,
    Map<String, DeploymentState> taskGroups,
    String status,
    String statusDescription,
    long createIndex,
    long modifyIndex) {

  public static final String STATUS_RUNNING = "running";
  public static final String STATUS_PAUSED = "paused";
  public static final String STATUS_FAILED = "failed";
  public static final String STATUS_SUCCESSFUL = "successful";
  public static final String STATUS_CANCELLED = "cancelled";

  public boolean active() {
    return STATUS_RUNNING.equals(status) || STATUS_PAUSED.equals(status);
  }
}
