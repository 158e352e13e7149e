package io.jobgate.structs;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** A full allocation ({@code /v1/allocation/:id}, spec §13.3). */
public record Allocation(
    @JsonProperty("ID") String id,
    String namespace,
    @JsonProperty("EvalID") String evalId,
    String name,
    @JsonProperty("NodeID") String nodeId,
    @JsonProperty("JobID") String jobId,
    Job job,
    String taskGroup,
    Resources resources,
    Resources sharedResources,
    Map<String, Resources> taskResources,
    AllocMetric metrics,
    String desiredStatus,
    String desiredDescription,
    DesiredTransition desiredTransition,
    String clientStatus,
    String clientDescription,
    Map<String, TaskState> taskStates,
    String previousAllocation,
    String nextAllocation,
    @JsonProperty("DeploymentID") String deploymentId,
    AllocDeploymentStatus deploymentStatus,
    RescheduleTracker rescheduleTracker,
    @JsonProperty("FollowupEvalID") String followupEvalId,
    long createIndex,
    long modifyIndex,
    long allocModifyIndex,
    long createTime,
    long modifyTime) {

  public static final String DESIRED_RUN = "run";
  public static final String DESIRED_STOP = "stop";
  public static final String DESIRED_EVICT = "evict";

  public static final String CLIENT_PENDING = "pending";
  public static final String CLIENT_RUNNING = "running";
  public static final String CLIENT_COMPLETE = "complete";
  public static final String CLIENT_FAILED = "failed";
  public static final String CLIENT_LOST = "lost";

  /** Terminal for job status (spec §9.1): told to stop, or finished on the client. */
  public boolean terminal() {
    return DESIRED_STOP.equals(desiredStatus) || DESIRED_EVICT.equals(desiredStatus)
        || clientTerminal();
  }

  public boolean clientTerminal() {
    return CLIENT_COMPLETE.equals(clientStatus) || CLIENT_FAILED.equals(clientStatus)
        || CLIENT_LOST.equals(clientStatus);
  }
}
