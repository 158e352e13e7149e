package io.jobgate.scheduler;

import io.jobgate.state.JobKey;
import io.jobgate.state.StateSnapshot;
import io.jobgate.structs.AllocBuilder;
import io.jobgate.structs.AllocDeploymentStatus;
import io.jobgate.structs.AllocMetric;
import io.jobgate.structs.Allocation;
import io.jobgate.structs.Deployment;
import io.jobgate.structs.DeploymentState;
import io.jobgate.structs.DesiredTransition;
import io.jobgate.structs.DesiredUpdates;
import io.jobgate.structs.EvalBuilder;
import io.jobgate.structs.Evaluation;
import io.jobgate.structs.GoTime;
import io.jobgate.structs.Job;
import io.jobgate.structs.Node;
import io.jobgate.structs.RescheduleEvent;
import io.jobgate.structs.RescheduleRules;
import io.jobgate.structs.Resources;
import io.jobgate.structs.TaskGroup;
import io.jobgate.structs.TimeScale;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Nomad's generic scheduler for service and batch jobs (spec §15.2): reconcile, place, submit the
 * plan, retry on conflicts (5 attempts for service, 2 for batch, reset whenever a plan made
 * progress), then record the evaluation's outcome with a blocked evaluation for what could not
 * be placed. One instance schedules one evaluation.
 */
final class GenericScheduler implements Scheduler {

  static final int MAX_SERVICE_ATTEMPTS = 5;
  static final int MAX_BATCH_ATTEMPTS = 2;
  static final String BLOCKED_FAILED_PLACEMENTS = "created to place remaining allocations";
  static final String BLOCKED_MAX_PLANS = "created due to placement conflicts";

  private static final Set<String> TRIGGERS = Set.of(Evaluation.TRIGGER_JOB_REGISTER,
      Evaluation.TRIGGER_JOB_DEREGISTER, "node-drain", Evaluation.TRIGGER_NODE_UPDATE,
      Evaluation.TRIGGER_ROLLING_UPDATE, Evaluation.TRIGGER_QUEUED_ALLOCS, Evaluation.TRIGGER_PERIODIC_JOB,
      Evaluation.TRIGGER_MAX_PLANS, Evaluation.TRIGGER_DEPLOYMENT_WATCHER, Evaluation.TRIGGER_RETRY_FAILED_ALLOC,
      Evaluation.TRIGGER_FAILED_FOLLOW_UP);

  private final boolean batch;
  private final TimeScale scale;
  private StateSnapshot state;
  private Evaluation eval;
  private Planner planner;
  private Job job;
  private Plan plan;
  private EvalContext ctx;
  private NodeSelector stack;
  private Deployment deployment;
  private Map<String, Integer> queued;
  private Map<String, MetricsBuilder> failed;
  private Evaluation blocked;
  private Map<String, DesiredUpdates> desired;
  private PlanResult planResult;

  GenericScheduler(boolean batch, TimeScale scale) {
    this.batch = batch;
    this.scale = scale;
  }

  @Override
  public Outcome process(StateSnapshot initial, Evaluation evaluation, Planner p) {
    state = initial;
    eval = evaluation;
    planner = p;
    if (!TRIGGERS.contains(eval.triggeredBy())) {
      return finish(Evaluation.STATUS_FAILED,
          "scheduler cannot handle '" + eval.triggeredBy() + "' evaluation reason");
    }
    int limit = batch ? MAX_BATCH_ATTEMPTS : MAX_SERVICE_ATTEMPTS;
    int attempts = 0;
    while (!processOnce()) {
      if (planResult != null && planResult.progress()) {
        attempts = 0;
      } else if (++attempts >= limit) {
        createBlockedEval(true);
        return finish(Evaluation.STATUS_FAILED, "maximum attempts reached (" + limit + ")");
      }
    }
    if (Evaluation.STATUS_BLOCKED.equals(eval.status()) && failed != null && !failed.isEmpty()) {
      EvalBuilder b = EvalBuilder.from(eval);
      b.escapedComputedClass = ctx.escaped;
      b.classEligibility = ctx.classEligibility();
      b.snapshotIndex = state.index();
      planner.reblockEval(b.build());
      return new Outcome(b.build(), desired, failedMetrics());
    }
    return finish(Evaluation.STATUS_COMPLETE, "");
  }

  private Outcome finish(String status, String description) {
    EvalBuilder b = EvalBuilder.from(eval);
    b.status = status;
    b.statusDescription = description;
    b.deploymentId = deployment != null && deployment.active() ? deployment.id() : "";
    b.failedTGAllocs = failedMetrics();
    b.blockedEval = blocked == null ? "" : blocked.id();
    b.queuedAllocations = queued == null ? null : Map.copyOf(queued);
    b.snapshotIndex = state.index();
    Evaluation done = b.build();
    planner.updateEval(done);
    return new Outcome(done, desired, done.failedTGAllocs());
  }

  private Map<String, AllocMetric> failedMetrics() {
    if (failed == null) {
      return null;
    }
    Map<String, AllocMetric> out = new TreeMap<>();
    failed.forEach((g, m) -> out.put(g, m.build()));
    return out;
  }

  private void createBlockedEval(boolean planFailure) {
    boolean escaped = ctx != null && ctx.escaped;
    EvalBuilder b = EvalBuilder.from(Evaluation.pending(UUID.randomUUID().toString(), eval.namespace(),
        eval.priority(), eval.type(), planFailure ? Evaluation.TRIGGER_MAX_PLANS : Evaluation.TRIGGER_QUEUED_ALLOCS,
        eval.jobId(), eval.jobModifyIndex()));
    b.status = Evaluation.STATUS_BLOCKED;
    b.statusDescription = planFailure ? BLOCKED_MAX_PLANS : BLOCKED_FAILED_PLACEMENTS;
    b.previousEval = eval.id();
    b.classEligibility = escaped || ctx == null ? null : ctx.classEligibility();
    b.escapedComputedClass = escaped;
    b.snapshotIndex = state.index();
    blocked = b.build();
    planner.createEval(blocked);
  }

  /** One reconcile-place-submit pass; true when done, false to retry against fresher state. */
  private boolean processOnce() {
    JobKey key = new JobKey(eval.namespace(), eval.jobId());
    job = state.job(key);
    queued = new HashMap<>();
    plan = new Plan(eval.id(), job, job != null && Boolean.TRUE.equals(job.allAtOnce()));
    deployment = batch ? null : state.latestDeployment(key);
    failed = null;
    planResult = null;
    ctx = new EvalContext(state, plan, job);
    stack = new NodeSelector(ctx, batch);
    List<Evaluation> followups = computeJobAllocs(key);
    if (!Evaluation.STATUS_BLOCKED.equals(eval.status()) && failed != null && blocked == null) {
      createBlockedEval(false);
    }
    if (plan.isNoOp() && !eval.annotatePlan()) {
      return true;
    }
    for (Evaluation f : followups) {
      EvalBuilder b = EvalBuilder.from(f);
      b.previousEval = eval.id();
      planner.createEval(b.build());
    }
    planResult = planner.submitPlan(plan);
    planResult.dequeuePlaced(queued);
    if (planResult.refreshed() != null) {
      state = planResult.refreshed();
      return false;
    }
    return planResult.fullCommit(plan);
  }

  private List<Evaluation> computeJobAllocs(JobKey key) {
    List<Allocation> allocs = state.allocsByJob(key);
    Map<String, Node> tainted = new HashMap<>();
    for (Allocation a : allocs) {
      Node n = state.node(a.nodeId());
      if (n == null || Node.STATUS_DOWN.equals(n.status())) {
        tainted.put(a.nodeId(), n);
      }
    }
    long now = GoTime.toUnixNanos(Instant.now());
    ReconcileResult r = new Reconciler(this::decideUpdate, batch, eval.jobId(), job, deployment, allocs, tainted,
        eval.id(), now, scale).compute();
    desired = new TreeMap<>();
    r.desired.forEach((g, d) -> desired.put(g, d.build()));
    if (eval.annotatePlan()) {
      plan.desiredTGUpdates = desired;
    }
    plan.deploymentUpdates.addAll(r.deploymentUpdates);
    Deployment active = activeDeployment(r);
    deployment = active;
    for (ReconcileResult.Stop s : r.stop) {
      plan.appendStop(s.alloc(), s.description(), s.clientStatus());
    }
    for (Allocation a : r.inplace) {
      AllocBuilder b = AllocBuilder.from(a);
      String id = active == null ? "" : active.id();
      if (!id.equals(a.deploymentId())) {
        b.deploymentId = id;
        b.deploymentStatus = null;
      }
      plan.appendAlloc(b.build());
    }
    for (Allocation a : r.attributeUpdates.values()) {
      plan.appendAlloc(a);
    }
    Map<String, List<String>> canaries = new HashMap<>();
    if (r.place.isEmpty() && r.destructive.isEmpty()) {
      if (job != null && !job.stopped()) {
        for (TaskGroup tg : job.taskGroups()) {
          queued.put(tg.name(), 0);
        }
      }
    } else {
      for (ReconcileResult.Placement p : r.place) {
        queued.merge(p.tg().name(), 1, Integer::sum);
      }
      for (ReconcileResult.Placement p : r.destructive) {
        queued.merge(p.tg().name(), 1, Integer::sum);
      }
      computePlacements(r, active, canaries);
    }
    attachDeployment(r, active, canaries);
    return r.followups;
  }

  /** The deployment new placements join: this pass's new one, or the job version's running one. */
  private Deployment activeDeployment(ReconcileResult r) {
    if (r.deployment != null) {
      return r.deployment;
    }
    Deployment d = deployment;
    if (d == null || !d.active() || job == null || d.jobVersion() != job.versionOrZero()
        || d.jobCreateIndex() != job.createIndex()) {
      return null;
    }
    for (DeploymentStatusUpdate u : r.deploymentUpdates) {
      if (u.deploymentId().equals(d.id()) && !Deployment.STATUS_RUNNING.equals(u.status())) {
        return null;
      }
    }
    return d;
  }

  private void attachDeployment(ReconcileResult r, Deployment active, Map<String, List<String>> canaries) {
    if (r.deployment != null) {
      Map<String, DeploymentState> groups = new TreeMap<>();
      r.deploymentGroups.forEach((g, s) -> {
        s.placedCanaries.addAll(canaries.getOrDefault(g, List.of()));
        groups.put(g, s.build());
      });
      String desc = Deployments.requiresPromotion(groups) ? Deployments.DESC_NEEDS_PROMOTION
          : Deployments.DESC_RUNNING;
      plan.deployment = Deployments.with(r.deployment, Map.copyOf(groups), Deployment.STATUS_RUNNING, desc);
      deployment = plan.deployment;
    } else if (active != null && !canaries.isEmpty()) {
      Map<String, DeploymentState> groups = new LinkedHashMap<>(active.taskGroups());
      canaries.forEach((g, ids) -> {
        DeploymentState s = groups.get(g);
        if (s != null) {
          ReconcileResult.GroupState gs = ReconcileResult.GroupState.of(s);
          gs.placedCanaries.addAll(ids);
          groups.put(g, gs.build());
        }
      });
      plan.deployment = Deployments.with(active, Map.copyOf(groups), active.status(), active.statusDescription());
    }
  }

  private void computePlacements(ReconcileResult r, Deployment active, Map<String, List<String>> canaries) {
    ReadyNodes ready = ReadyNodes.of(state, job.datacenters());
    Map<String, Integer> byDc = ready.byDc();
    stack.setNodes(ready.shuffled(), java.util.concurrent.ThreadLocalRandom.current().nextInt(Integer.MAX_VALUE));
    String deploymentId = active == null ? "" : active.id();
    long now = GoTime.toUnixNanos(Instant.now());
    List<List<ReconcileResult.Placement>> lists = List.of(r.destructive, r.place);
    for (List<ReconcileResult.Placement> list : lists) {
      for (ReconcileResult.Placement p : list) {
        TaskGroup tg = p.tg();
        if (failed != null && failed.containsKey(tg.name())) {
          failed.get(tg.name()).coalescedFailures++;
          continue;
        }
        Allocation prev = p.previous();
        boolean stopPrev = p.stopDescription() != null;
        if (stopPrev) {
          plan.appendStop(prev, p.stopDescription(), "");
        }
        NodeSelector.Option option = stack.select(tg, penaltyNodes(prev));
        ctx.metrics.nodesAvailable = byDc;
        if (option == null) {
          if (failed == null) {
            failed = new TreeMap<>();
          }
          failed.put(tg.name(), ctx.metrics);
          if (stopPrev) {
            plan.popStop(prev);
          }
          continue;
        }
        AllocBuilder b = newAlloc(job, eval, p.name(), tg, option, ctx.metrics, now);
        b.deploymentId = deploymentId;
        if (prev != null) {
          b.previousAllocation = prev.id();
          if (p.reschedule()) {
            b.rescheduleTracker = RescheduleRules.trackerFor(prev, now);
          }
        }
        if (p.canary()) {
          b.deploymentStatus = new AllocDeploymentStatus(null, GoTime.ZERO, true, 0);
          canaries.computeIfAbsent(tg.name(), k -> new ArrayList<>()).add(b.id);
        }
        plan.appendAlloc(b.build());
      }
    }
  }

  /** A new allocation of {@code tg} on the chosen node, pending on the client. */
  static AllocBuilder newAlloc(Job job, Evaluation eval, String name, TaskGroup tg, NodeSelector.Option option,
      MetricsBuilder metrics, long now) {
    AllocBuilder b = new AllocBuilder();
    b.id = UUID.randomUUID().toString();
    b.namespace = job.namespace();
    b.evalId = eval.id();
    b.name = name;
    b.nodeId = option.node().id();
    b.jobId = job.id();
    b.job = job;
    b.taskGroup = tg.name();
    b.resources = option.fit().combined();
    b.sharedResources = option.fit().shared();
    b.taskResources = option.fit().taskResources();
    b.metrics = metrics.build();
    b.desiredStatus = Allocation.DESIRED_RUN;
    b.desiredDescription = "";
    b.desiredTransition = DesiredTransition.NONE;
    b.clientStatus = Allocation.CLIENT_PENDING;
    b.clientDescription = "";
    b.previousAllocation = "";
    b.nextAllocation = "";
    b.deploymentId = "";
    b.followupEvalId = "";
    b.createTime = now;
    b.modifyTime = now;
    return b;
  }

  /** Nodes a rescheduled or replaced allocation already ran on: they get the anti-affinity penalty. */
  private static Set<String> penaltyNodes(Allocation prev) {
    if (prev == null) {
      return null;
    }
    Set<String> out = new HashSet<>();
    out.add(prev.nodeId());
    if (prev.rescheduleTracker() != null && prev.rescheduleTracker().events() != null) {
      for (RescheduleEvent e : prev.rescheduleTracker().events()) {
        out.add(e.prevNodeId());
      }
    }
    return out;
  }

  /** Nomad's {@code genericAllocUpdateFn} (spec §15.4). */
  private Allocation decideUpdate(Allocation existing, Job newJob, TaskGroup tg) {
    if (existing.job().jobModifyIndex().equals(newJob.jobModifyIndex())) {
      return null;
    }
    if (SpecChange.destructive(existing.job(), newJob, tg.name())) {
      return Reconciler.DESTRUCTIVE;
    }
    if (existing.terminal()) {
      return null;
    }
    Node node = state.node(existing.nodeId());
    if (node == null) {
      return Reconciler.DESTRUCTIVE;
    }
    // Discount the allocation's own resources while checking that the new version fits.
    plan.appendStop(existing, Reconciler.ALLOC_IN_PLACE, "");
    NodeSelector.Option option = stack.selectOn(node, tg);
    plan.popStop(existing);
    if (option == null) {
      return Reconciler.DESTRUCTIVE;
    }
    AllocBuilder b = AllocBuilder.from(existing);
    b.evalId = eval.id();
    b.job = newJob;
    Map<String, Resources> tasks = new LinkedHashMap<>();
    option.fit().taskResources().forEach((t, r) -> {
      Resources old = existing.taskResources() == null ? null : existing.taskResources().get(t);
      tasks.put(t, new Resources(r.cpu(), r.memoryMB(), r.diskMB(), r.iops(), old == null ? null : old.networks()));
    });
    Resources c = option.fit().combined();
    b.taskResources = tasks;
    b.resources = new Resources(c.cpu(), c.memoryMB(), c.diskMB(), c.iops(),
        existing.resources() == null ? null : existing.resources().networks());
    b.metrics = ctx.metrics.build();
    return b.build();
  }
}
