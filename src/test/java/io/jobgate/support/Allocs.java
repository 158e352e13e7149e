package io.jobgate.support;

import io.jobgate.structs.Allocation;
import io.jobgate.structs.Evaluation;
import io.jobgate.structs.Job;
import java.util.UUID;

/** Allocations and evaluations as a scheduler and client would write them, for tests without either. */
public final class Allocs {

  private Allocs() {
  }

  /** Allocation {@code <job>.<group>[<index>]} of {@code job} (as stored), desired run, client status as given. */
  public static Allocation of(Job job, String group, int index, String clientStatus) {
    return new Allocation(UUID.randomUUID().toString(), job.namespace(), UUID.randomUUID().toString(),
        job.id() + "." + group + "[" + index + "]", "node-1", job.id(), job, group, null, null, null, null,
        Allocation.DESIRED_RUN, "", null, clientStatus, "", null, "", "", "", null, null, "", 0, 0, 0, 0, 0);
  }

  /** {@code a} as its client reports it finished. */
  public static Allocation complete(Allocation a) {
    return new Allocation(a.id(), a.namespace(), a.evalId(), a.name(), a.nodeId(), a.jobId(), a.job(), a.taskGroup(),
        a.resources(), a.sharedResources(), a.taskResources(), a.metrics(), a.desiredStatus(),
        a.desiredDescription(), a.desiredTransition(), Allocation.CLIENT_COMPLETE, "", a.taskStates(),
        a.previousAllocation(), a.nextAllocation(), a.deploymentId(), a.deploymentStatus(), a.rescheduleTracker(),
        a.followupEvalId(), a.createIndex(), a.modifyIndex(), a.allocModifyIndex(), a.createTime(), a.modifyTime());
  }

  /** {@code e} as a scheduler finishes it. */
  public static Evaluation completed(Evaluation e) {
    return new Evaluation(e.id(), e.namespace(), e.priority(), e.type(), e.triggeredBy(), e.jobId(),
        e.jobModifyIndex(), e.nodeId(), e.nodeModifyIndex(), e.deploymentId(), Evaluation.STATUS_COMPLETE, "",
        e.waitNanos(), e.waitUntil(), e.nextEval(), e.previousEval(), e.blockedEval(), e.failedTGAllocs(),
        e.classEligibility(), e.quotaLimitReached(), e.escapedComputedClass(), e.annotatePlan(),
        e.queuedAllocations(), e.leaderACL(), e.snapshotIndex(), e.createIndex(), e.modifyIndex());
  }
}
