package io.jobgate.scheduler;

import io.jobgate.state.JobKey;
import io.jobgate.state.StateWriter;
import io.jobgate.structs.Allocation;
import io.jobgate.structs.Deployment;
import io.jobgate.structs.DeploymentState;
import io.jobgate.structs.Evaluation;
import io.jobgate.structs.EvalBuilder;
import io.jobgate.structs.Job;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Deployment state changes shared by the scheduler, the deployment watcher and the deployment
 * endpoints (spec §14): statuses and descriptions exactly as Nomad writes them, promotion, manual
 * and automatic failure with auto-revert to the newest stable version. Every method runs inside
 * one store write and files the {@code deployment-watcher} evaluation in the same commit.
 */
public final class Deployments {

  public static final String DESC_RUNNING = "Deployment is running";
  public static final String DESC_NEEDS_PROMOTION = "Deployment is running but requires promotion";
  public static final String DESC_SUCCESSFUL = "Deployment completed successfully";
  public static final String DESC_STOPPED_JOB = "Cancelled because job is stopped";
  public static final String DESC_NEWER_JOB = "Cancelled due to newer version of job";
  public static final String DESC_FAILED_ALLOCS = "Failed due to unhealthy allocations";
  public static final String DESC_PROGRESS_DEADLINE = "Failed due to progress deadline";
  public static final String DESC_FAILED_BY_USER = "Deployment marked as failed";

  private Deployments() {
  }

  /** A promote or fail Nomad refuses, with its text; nothing was written. */
  public static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message, null, false, false);
    }
  }

  /** What a promote or fail committed (Nomad's {@code DeploymentUpdateResponse}). */
  public record Update(String evalId, long evalCreateIndex, long deploymentModifyIndex, Long revertedJobVersion,
      long index) {
  }

  static Deployment newDeployment(Job job) {
    return new Deployment(UUID.randomUUID().toString(), job.namespace(), job.id(), job.versionOrZero(),
        job.modifyIndex(), job.jobModifyIndex(), job.createIndex(), Map.of(), Deployment.STATUS_RUNNING,
        DESC_RUNNING, 0, 0);
  }

  /** Whether any group still waits for its canaries to be promoted. */
  static boolean requiresPromotion(Map<String, DeploymentState> groups) {
    for (DeploymentState s : groups.values()) {
      if (s.desiredCanaries() > 0 && !s.promoted()) {
        return true;
      }
    }
    return false;
  }

  /** Promotes the canaries of every group ({@code all}) or of {@code groups} (spec §14). */
  public static Update promote(StateWriter w, String id, boolean all, Set<String> groups) {
    Deployment d = w.view().deployment(id);
    if (d == null) {
      throw new Refused("deployment not found");
    }
    if (!d.active()) {
      throw new Refused("can't promote terminal deployment");
    }
    boolean haveCanaries = false;
    StringBuilder unhealthy = new StringBuilder();
    int unhealthyCount = 0;
    Map<String, DeploymentState> out = new LinkedHashMap<>(d.taskGroups());
    for (Map.Entry<String, DeploymentState> e : d.taskGroups().entrySet()) {
      DeploymentState s = e.getValue();
      if ((!all && !groups.contains(e.getKey())) || s.desiredCanaries() == 0) {
        continue;
      }
      haveCanaries = true;
      int healthy = 0;
      for (String allocId : s.placedCanaries() == null ? List.<String>of() : s.placedCanaries()) {
        Allocation a = w.view().alloc(allocId);
        if (a != null && a.deploymentStatus() != null && Boolean.TRUE.equals(a.deploymentStatus().healthy())) {
          healthy++;
        }
      }
      if (healthy < s.desiredCanaries()) {
        unhealthyCount++;
        unhealthy.append("\n* Task group \"").append(e.getKey()).append("\" has ").append(healthy).append('/')
            .append(s.desiredCanaries()).append(" healthy allocations");
      }
      out.put(e.getKey(), new DeploymentState(s.autoRevert(), s.progressDeadline(), s.requireProgressBy(), true,
          s.placedCanaries(), s.desiredCanaries(), s.desiredTotal(), s.placedAllocs(), s.healthyAllocs(),
          s.unhealthyAllocs()));
    }
    if (unhealthyCount > 0) {
      throw new Refused(unhealthyCount + " error(s) occurred:\n" + unhealthy);
    }
    if (!haveCanaries) {
      throw new Refused("no canaries to promote");
    }
    long idx = w.nextIndex();
    String desc = requiresPromotion(out) ? d.statusDescription() : DESC_RUNNING;
    w.upsertDeployment(idx, with(d, Map.copyOf(out), d.status(), desc));
    Evaluation eval = watcherEval(w, d);
    w.upsertEvals(idx, List.of(eval));
    return new Update(eval.id(), idx, idx, null, idx);
  }

  /** Fails an active deployment by hand ({@code /v1/deployment/fail/:id}), reverting if asked to. */
  public static Update failByUser(StateWriter w, String id) {
    Deployment d = w.view().deployment(id);
    if (d == null) {
      throw new Refused("deployment not found");
    }
    if (!d.active()) {
      throw new Refused("can't fail terminal deployment");
    }
    return fail(w, d, DESC_FAILED_BY_USER);
  }

  /**
   * Marks {@code d} failed with {@code base} as the description; when a group asked for
   * auto-revert, re-registers the newest stable version in the same commit (spec §14).
   */
  static Update fail(StateWriter w, Deployment d, String base) {
    long idx = w.nextIndex();
    String desc = base;
    Job rollback = null;
    if (autoRevert(d)) {
      JobKey key = new JobKey(d.namespace(), d.jobId());
      Job current = w.job(key);
      Job stable = null;
      for (Job v : w.view().jobVersions(key)) {
        if (v.stableVersion() && current != null && v.versionOrZero() != current.versionOrZero()) {
          stable = v;
          break;
        }
      }
      if (stable == null || current == null) {
        desc = base + " - no stable job version to auto revert to";
      } else if (current.sameSpecAs(stable)) {
        desc = base + " - not rolling back to stable job version " + stable.versionOrZero()
            + " as current job has same specification";
      } else {
        desc = base + " - rolling back to job version " + stable.versionOrZero();
        rollback = stable;
      }
    }
    w.upsertDeployment(idx, with(d, d.taskGroups(), Deployment.STATUS_FAILED, desc));
    Long reverted = null;
    if (rollback != null) {
      w.upsertJob(idx, rollback, false);
      reverted = rollback.versionOrZero();
    }
    Evaluation eval = watcherEval(w, d);
    w.upsertEvals(idx, List.of(eval));
    return new Update(eval.id(), idx, idx, reverted, idx);
  }

  private static boolean autoRevert(Deployment d) {
    for (DeploymentState s : d.taskGroups().values()) {
      if (s.autoRevert()) {
        return true;
      }
    }
    return false;
  }

  /** Sets a deployment's status; a successful one marks its job version stable (spec §8.4). */
  static void setStatus(StateWriter w, long idx, DeploymentStatusUpdate u) {
    Deployment d = w.view().deployment(u.deploymentId());
    if (d == null) {
      return;
    }
    w.upsertDeployment(idx, with(d, d.taskGroups(), u.status(), u.statusDescription()));
    if (Deployment.STATUS_SUCCESSFUL.equals(u.status())) {
      JobKey key = new JobKey(d.namespace(), d.jobId());
      Job version = w.view().jobVersion(key, d.jobVersion());
      if (version != null && !version.stableVersion()) {
        w.setJobStability(idx, key, version, true);
      }
    }
  }

  static Deployment with(Deployment d, Map<String, DeploymentState> groups, String status, String desc) {
    return new Deployment(d.id(), d.namespace(), d.jobId(), d.jobVersion(), d.jobModifyIndex(),
        d.jobSpecModifyIndex(), d.jobCreateIndex(), groups, status, desc, d.createIndex(), d.modifyIndex());
  }

  /** The evaluation the deployment watcher files so the scheduler takes the next step. */
  static Evaluation watcherEval(StateWriter w, Deployment d) {
    Job job = w.job(new JobKey(d.namespace(), d.jobId()));
    int priority = job == null ? 50 : job.priority();
    String type = job == null ? Job.TYPE_SERVICE : job.type();
    EvalBuilder b = EvalBuilder.from(Evaluation.pending(UUID.randomUUID().toString(), d.namespace(), priority, type,
        Evaluation.TRIGGER_DEPLOYMENT_WATCHER, d.jobId(), job == null ? 0 : job.jobModifyIndex()));
    b.deploymentId = d.id();
    return b.build();
  }
}
