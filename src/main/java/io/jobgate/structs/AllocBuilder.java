package io.jobgate.structs;

import java.util.Map;

/**
 * A mutable copy of an {@link Allocation} for the scheduler and the fleet, which change a few of
 * its 29 fields at a time. Fields are public on purpose: this is a value under construction.
 */
public final class AllocBuilder {

  public String id;
  public String namespace;
  public String evalId;
  public String name;
  public String nodeId;
  public String jobId;
  public Job job;
  public String taskGroup;
  public Resources resources;
  public Resources sharedResources;
  public Map<String, Resources> taskResources;
  public AllocMetric metrics;
  public String desiredStatus;
  public String desiredDescription;
  public DesiredTransition desiredTransition;
  public String clientStatus;
  public String clientDescription;
  public Map<String, TaskState> taskStates;
  public String previousAllocation;
  public String nextAllocation;
  public String deploymentId;
  public AllocDeploymentStatus deploymentStatus;
  public RescheduleTracker rescheduleTracker;
  public String followupEvalId;
  public long createIndex;
  public long modifyIndex;
  public long allocModifyIndex;
  public long createTime;
  public long modifyTime;

  public static AllocBuilder from(Allocation a) {
    AllocBuilder b = new AllocBuilder();
    b.id = a.id();
    b.namespace = a.namespace();
    b.evalId = a.evalId();
    b.name = a.name();
    b.nodeId = a.nodeId();
    b.jobId = a.jobId();
    b.job = a.job();
    b.taskGroup = a.taskGroup();
    b.resources = a.resources();
    b.sharedResources = a.sharedResources();
    b.taskResources = a.taskResources();
    b.metrics = a.metrics();
    b.desiredStatus = a.desiredStatus();
    b.desiredDescription = a.desiredDescription();
    b.desiredTransition = a.desiredTransition();
    b.clientStatus = a.clientStatus();
    b.clientDescription = a.clientDescription();
    b.taskStates = a.taskStates();
    b.previousAllocation = a.previousAllocation();
    b.nextAllocation = a.nextAllocation();
    b.deploymentId = a.deploymentId();
    b.deploymentStatus = a.deploymentStatus();
    b.rescheduleTracker = a.rescheduleTracker();
    b.followupEvalId = a.followupEvalId();
    b.createIndex = a.createIndex();
    b.modifyIndex = a.modifyIndex();
    b.allocModifyIndex = a.allocModifyIndex();
    b.createTime = a.createTime();
    b.modifyTime = a.modifyTime();
    return b;
  }

  public Allocation build() {
    return new Allocation(id, namespace, evalId, name, nodeId, jobId, job, taskGroup, resources, sharedResources,
        taskResources, metrics, desiredStatus, desiredDescription, desiredTransition, clientStatus,
        clientDescription, taskStates, previousAllocation, nextAllocation, deploymentId, deploymentStatus,
        rescheduleTracker, followupEvalId, createIndex, modifyIndex, allocModifyIndex, createTime, modifyTime);
  }
}
