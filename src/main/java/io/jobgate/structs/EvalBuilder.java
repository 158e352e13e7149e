package io.jobgate.structs;

import java.time.Instant;
import java.util.Map;

/** A mutable copy of an {@link Evaluation}, for the broker and the schedulers that update evals. */
public final class EvalBuilder {

  public String id;
  public String namespace;
  public int priority;
  public String type;
  public String triggeredBy;
  public String jobId;
  public long jobModifyIndex;
  public String nodeId;
  public long nodeModifyIndex;
  public String deploymentId;
  public String status;
  public String statusDescription;
  public long waitNanos;
  public Instant waitUntil;
  public String nextEval;
  public String previousEval;
  public String blockedEval;
  public Map<String, AllocMetric> failedTGAllocs;
  public Map<String, Boolean> classEligibility;
  public String quotaLimitReached;
  public boolean escapedComputedClass;
  public boolean annotatePlan;
  public Map<String, Integer> queuedAllocations;
  public String leaderACL;
  public long snapshotIndex;
  public long createIndex;
  public long modifyIndex;

  public static EvalBuilder from(Evaluation e) {
    EvalBuilder b = new EvalBuilder();
    b.id = e.id();
    b.namespace = e.namespace();
    b.priority = e.priority();
    b.type = e.type();
    b.triggeredBy = e.triggeredBy();
    b.jobId = e.jobId();
    b.jobModifyIndex = e.jobModifyIndex();
    b.nodeId = e.nodeId();
    b.nodeModifyIndex = e.nodeModifyIndex();
    b.deploymentId = e.deploymentId();
    b.status = e.status();
    b.statusDescription = e.statusDescription();
    b.waitNanos = e.waitNanos();
    b.waitUntil = e.waitUntil();
    b.nextEval = e.nextEval();
    b.previousEval = e.previousEval();
    b.blockedEval = e.blockedEval();
    b.failedTGAllocs = e.failedTGAllocs();
    b.classEligibility = e.classEligibility();
    b.quotaLimitReached = e.quotaLimitReached();
    b.escapedComputedClass = e.escapedComputedClass();
    b.annotatePlan = e.annotatePlan();
    b.queuedAllocations = e.queuedAllocations();
    b.leaderACL = e.leaderACL();
    b.snapshotIndex = e.snapshotIndex();
    b.createIndex = e.createIndex();
    b.modifyIndex = e.modifyIndex();
    return b;
  }

  public Evaluation build() {
    return new Evaluation(id, namespace, priority, type, triggeredBy, jobId, jobModifyIndex, nodeId, nodeModifyIndex,
        deploymentId, status, statusDescription, waitNanos, waitUntil, nextEval, previousEval, blockedEval,
        failedTGAllocs, classEligibility, quotaLimitReached, escapedComputedClass, annotatePlan, queuedAllocations,
        leaderACL, snapshotIndex, createIndex, modifyIndex);
  }
}
