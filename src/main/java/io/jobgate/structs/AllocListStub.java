package io.jobgate.structs;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** An element of {@code …/allocations} (spec §13.3). */
public record AllocListStub(
    @JsonProperty("ID") String id,
    @JsonProperty("EvalID") String evalId,
    String name,
    @JsonProperty("NodeID") String nodeId,
    @JsonProperty("JobID") String jobId,
    long jobVersion,
    String taskGroup,
    String desiredStatus,
    String desiredDescription,
    String clientStatus,
    String clientDescription,
    DesiredTransition desiredTransition,
    Map<String, TaskState> taskStates,
    AllocDeploymentStatus deploymentStatus,
    @JsonProperty("FollowupEvalID") String followupEvalId,
    RescheduleTracker rescheduleTracker,
    long createIndex,
    long modifyIndex,
    long createTime,
    long modifyTime) {

  public static AllocListStub of(Allocation a, Map<String, TaskState> taskStates) {
    return new AllocListStub(a.id(), a.evalId(), a.name(), a.nodeId(), a.jobId(),
        a.job() == null ? 0 : a.job().versionOrZero(), a.taskGroup(), a.desiredStatus(), a.desiredDescription(),
        a.clientStatus(), a.clientDescription(), a.desiredTransition(), taskStates, a.deploymentStatus(),
        a.followupEvalId(), a.rescheduleTracker(), a.createIndex(), a.modifyIndex(), a.createTime(),
        a.modifyTime());
  }
}
