package io.jobgate.structs;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/** An evaluation (spec §13.1), in wire order. */
public record Evaluation(
    @JsonProperty("ID") String id,
    String namespace,
    int priority,
    String type,
    String triggeredBy,
    @JsonProperty("JobID") String jobId,
    long jobModifyIndex,
    @JsonProperty("NodeID") String nodeId,
    long nodeModifyIndex,
    @JsonProperty("DeploymentID") String deploymentId,
    String status,
    String statusDescription,
    @JsonProperty("Wait") long waitNanos,
    Instant waitUntil,
    String nextEval,
    String previousEval,
    String blockedEval,
    @JsonProperty("FailedTGAllocs") Map<String, AllocMetric> failedTGAllocs,
    Map<String, Boolean> classEligibility,
    String quotaLimitReached,
    boolean escapedComputedClass,
    boolean annotatePlan,
    Map<String, Integer> queuedAllocations,
    @JsonProperty("LeaderACL") String leaderACL,
    long snapshotIndex,
    long createIndex,
    long modifyIndex) {

  public static final String STATUS_PENDING = "pending";
  public static final String STATUS_BLOCKED = "blocked";
  public static final String STATUS_COMPLETE = "complete";
  public static final String STATUS_FAILED = "failed";
  public static final String STATUS_CANCELED = "canceled";

  public static final String TRIGGER_JOB_REGISTER = "job-register";
  public static final String TRIGGER_JOB_DEREGISTER = "job-deregister";
  public static final String TRIGGER_PERIODIC_JOB = "periodic-job";
  public static final String TRIGGER_NODE_UPDATE = "node-update";
  public static final String TRIGGER_ROLLING_UPDATE = "rolling-update";
  public static final String TRIGGER_DEPLOYMENT_WATCHER = "deployment-watcher";
  public static final String TRIGGER_FAILED_FOLLOW_UP = "failed-follow-up";
  public static final String TRIGGER_MAX_PLANS = "max-plan-attempts";
  public static final String TRIGGER_RETRY_FAILED_ALLOC = "alloc-failure";
  public static final String TRIGGER_QUEUED_ALLOCS = "queued-allocs";

  /** A new pending evaluation, as register, deregister, evaluate and dispatch create them. */
  public static Evaluation pending(String id, String namespace, int priority, String type, String triggeredBy,
      String jobId, long jobModifyIndex) {
    return new Evaluation(id, namespace, priority, type, triggeredBy, jobId, jobModifyIndex, "", 0, "",
        STATUS_PENDING, "", 0, GoTime.ZERO, "", "", "", null, null, "", false, false, null, "", 0, 0, 0);
  }

  public boolean terminal() {
    return STATUS_COMPLETE.equals(status) || STATUS_FAILED.equals(status) || STATUS_CANCELED.equals(status);
  }

  /** The evaluation plan runs: the scheduler records annotations for it (spec §12.1 step 3). */
  public Evaluation annotatingPlan() {
    return new Evaluation(id, namespace, priority, type, triggeredBy, jobId, jobModifyIndex, nodeId,
        nodeModifyIndex, deploymentId, status, statusDescription, waitNanos, waitUntil, nextEval, previousEval,
        blockedEval, failedTGAllocs, classEligibility, quotaLimitReached, escapedComputedClass, true,
        queuedAllocations, leaderACL, snapshotIndex, createIndex, modifyIndex);
  }

  public Evaluation withIndexes(long create, long modify) {
    return new Evaluation(id, namespace, priority, type, triggeredBy, jobId, jobModifyIndex, nodeId,
        nodeModifyIndex, deploymentId, status, statusDescription, waitNanos, waitUntil, nextEval, previousEval,
        blockedEval, failedTGAllocs, classEligibility, quotaLimitReached, escapedComputedClass, annotatePlan,
        queuedAllocations, leaderACL, snapshotIndex, create, modify);
  }
}
