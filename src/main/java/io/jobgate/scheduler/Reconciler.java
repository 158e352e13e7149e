package io.jobgate.scheduler;

import io.jobgate.structs.AllocBuilder;
import io.jobgate.structs.AllocDeploymentStatus;
import io.jobgate.structs.Allocation;
import io.jobgate.structs.Deployment;
import io.jobgate.structs.DeploymentState;
import io.jobgate.structs.DesiredTransition;
import io.jobgate.structs.Evaluation;
import io.jobgate.structs.EvalBuilder;
import io.jobgate.structs.Job;
import io.jobgate.structs.Node;
import io.jobgate.structs.RescheduleRules;
import io.jobgate.structs.TaskGroup;
import io.jobgate.structs.TimeScale;
import io.jobgate.structs.UpdateStrategy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Nomad 0.8's allocation reconciler (spec §15.2 step 1, §14): compares what a service or batch
 * job wants with the allocations it has and decides, per group, what to place, stop, ignore,
 * update in place or replace, which canaries to start, and what happens to the deployment. It
 * decides only; {@link GenericScheduler} finds nodes for the placements.
 */
final class Reconciler {

  static final String ALLOC_NOT_NEEDED = "alloc not needed due to job update";
  static final String ALLOC_UPDATING = "alloc is being updated due to job update";
  static final String ALLOC_MIGRATING = "alloc is being migrated";
  static final String ALLOC_LOST = "alloc is lost since its node is down";
  static final String ALLOC_IN_PLACE = "alloc updating in-place";
  static final String FOLLOWUP_DESC = "created for delayed rescheduling";

  /** How an existing allocation meets a new job version (Nomad's {@code allocUpdateFn}). */
  interface UpdateFn {
    /** Null to ignore, {@link #DESTRUCTIVE} to replace, or the in-place updated allocation. */
    Allocation decide(Allocation existing, Job job, TaskGroup tg);
  }

  static final Allocation DESTRUCTIVE = new AllocBuilder().build();

  private final UpdateFn updateFn;
  private final boolean batch;
  private final String jobId;
  private final Job job;
  private Deployment deployment;
  private Deployment oldDeployment;
  private final List<Allocation> existing;
  private final Map<String, Node> tainted;
  private final String evalId;
  private final long nowNanos;
  private final TimeScale scale;
  private boolean deploymentPaused;
  private boolean deploymentFailed;
  private final ReconcileResult result = new ReconcileResult();

  Reconciler(UpdateFn updateFn, boolean batch, String jobId, Job job, Deployment deployment,
      List<Allocation> existing, Map<String, Node> tainted, String evalId, long nowNanos, TimeScale scale) {
    this.updateFn = updateFn;
    this.batch = batch;
    this.jobId = jobId;
    this.job = job;
    this.deployment = deployment;
    this.existing = existing;
    this.tainted = tainted;
    this.evalId = evalId;
    this.nowNanos = nowNanos;
    this.scale = scale;
  }

  ReconcileResult compute() {
    Map<String, Map<String, Allocation>> matrix = new TreeMap<>();
    if (job != null && !job.stopped()) {
      for (TaskGroup tg : job.taskGroups()) {
        matrix.put(tg.name(), new LinkedHashMap<>());
      }
    }
    for (Allocation a : existing) {
      matrix.computeIfAbsent(a.taskGroup(), k -> new LinkedHashMap<>()).put(a.id(), a);
    }
    cancelDeployments();
    if (job == null || job.stopped()) {
      for (Map.Entry<String, Map<String, Allocation>> e : matrix.entrySet()) {
        stopAll(e.getKey(), e.getValue());
      }
      return result;
    }
    if (deployment != null) {
      deploymentPaused = Deployment.STATUS_PAUSED.equals(deployment.status());
      deploymentFailed = Deployment.STATUS_FAILED.equals(deployment.status());
    }
    boolean complete = true;
    for (Map.Entry<String, Map<String, Allocation>> e : matrix.entrySet()) {
      complete &= computeGroup(e.getKey(), e.getValue());
    }
    if (deployment != null && complete) {
      result.deploymentUpdates.add(new DeploymentStatusUpdate(deployment.id(), Deployment.STATUS_SUCCESSFUL,
          Deployments.DESC_SUCCESSFUL));
    }
    return result;
  }

  private void stopAll(String group, Map<String, Allocation> all) {
    ReconcileResult.Desired d = desired(group);
    for (Allocation a : all.values()) {
      if (a.terminal()) {
        continue;
      }
      boolean lost = isLost(a);
      result.stop.add(new ReconcileResult.Stop(a, lost ? Allocation.CLIENT_LOST : "", lost ? ALLOC_LOST : ALLOC_NOT_NEEDED));
      d.stop++;
    }
  }

  private ReconcileResult.Desired desired(String group) {
    return result.desired.computeIfAbsent(group, k -> new ReconcileResult.Desired());
  }

  private void cancelDeployments() {
    if (job == null || job.stopped()) {
      if (deployment != null && deployment.active()) {
        result.deploymentUpdates.add(new DeploymentStatusUpdate(deployment.id(), Deployment.STATUS_CANCELLED,
            Deployments.DESC_STOPPED_JOB));
      }
      oldDeployment = deployment;
      deployment = null;
      return;
    }
    Deployment d = deployment;
    if (d == null) {
      return;
    }
    if (d.jobCreateIndex() != job.createIndex() || d.jobVersion() != job.versionOrZero()) {
      if (d.active()) {
        result.deploymentUpdates.add(new DeploymentStatusUpdate(d.id(), Deployment.STATUS_CANCELLED,
            Deployments.DESC_NEWER_JOB));
      }
      oldDeployment = d;
      deployment = null;
    }
    if (Deployment.STATUS_SUCCESSFUL.equals(d.status())) {
      oldDeployment = d;
      deployment = null;
    }
  }

  private boolean isLost(Allocation a) {
    if (!tainted.containsKey(a.nodeId())) {
      return false;
    }
    Node n = tainted.get(a.nodeId());
    return n == null || Node.STATUS_DOWN.equals(n.status());
  }

  private boolean computeGroup(String group, Map<String, Allocation> all) {
    ReconcileResult.Desired desired = desired(group);
    TaskGroup tg = job.lookupTaskGroup(group);
    if (tg == null) {
      stopAll(group, all);
      return true;
    }
    ReconcileResult.GroupState dstate = null;
    boolean existingDeployment = false;
    if (deployment != null && deployment.taskGroups() != null && deployment.taskGroups().containsKey(group)) {
      dstate = ReconcileResult.GroupState.of(deployment.taskGroups().get(group));
      existingDeployment = true;
    }
    if (!existingDeployment) {
      dstate = new ReconcileResult.GroupState();
      if (tg.update() != null) {
        dstate.autoRevert = Boolean.TRUE.equals(tg.update().autoRevert());
        dstate.progressDeadline = tg.update().progressDeadline() == null ? 0 : tg.update().progressDeadline();
      }
    }
    Map<String, Allocation> ignoreOld = filterOldTerminal(all);
    desired.ignore += ignoreOld.size();

    Map<String, Allocation> canaries = handleCanaries(all, desired);

    Map<String, Allocation> untainted = new LinkedHashMap<>();
    Map<String, Allocation> migrate = new LinkedHashMap<>();
    Map<String, Allocation> lost = new LinkedHashMap<>();
    splitTainted(all, untainted, migrate, lost);

    Map<String, Allocation> rescheduleNow = new LinkedHashMap<>();
    List<long[]> laterTimes = new ArrayList<>();
    List<Allocation> later = new ArrayList<>();
    untainted = filterReschedulable(untainted, rescheduleNow, later, laterTimes);
    handleDelayedReschedules(later, laterTimes);

    List<Allocation> taken = new ArrayList<>(untainted.values());
    taken.addAll(migrate.values());
    taken.addAll(rescheduleNow.values());
    AllocNames names = new AllocNames(jobId, group, tg.countOrZero(), taken);

    boolean canaryState = dstate.desiredCanaries != 0 && !dstate.promoted;
    Map<String, Allocation> stop = computeStop(tg, names, untainted, migrate, lost, canaries, canaryState);
    desired.stop += stop.size();
    untainted.keySet().removeAll(stop.keySet());

    Map<String, Allocation> destructive = new LinkedHashMap<>();
    int inplaceCount = 0;
    for (Allocation a : untainted.values()) {
      Allocation decision = updateFn.decide(a, job, tg);
      if (decision == null) {
        desired.ignore++;
      } else if (decision == DESTRUCTIVE) {
        destructive.put(a.id(), a);
      } else {
        inplaceCount++;
        result.inplace.add(decision);
      }
    }
    desired.inPlaceUpdate += inplaceCount;
    if (!existingDeployment) {
      dstate.desiredTotal += destructive.size() + inplaceCount;
    }
    if (canaryState) {
      untainted.keySet().removeAll(canaries.keySet());
    }

    UpdateStrategy strategy = tg.update();
    int wantCanaries = strategy == null || strategy.canary() == null ? 0 : strategy.canary();
    boolean requireCanary = !destructive.isEmpty() && strategy != null && canaries.size() < wantCanaries
        && !dstate.promoted;
    if (requireCanary && !deploymentPaused && !deploymentFailed) {
      int number = Math.min(destructive.size(), wantCanaries - canaries.size());
      desired.canary += number;
      if (!existingDeployment) {
        dstate.desiredCanaries = wantCanaries;
      }
      for (String name : names.nextCanaries(number, canaries.values(), destructive.values())) {
        result.place.add(new ReconcileResult.Placement(name, tg, null, false, true, null));
      }
    }

    canaryState = dstate.desiredCanaries != 0 && !dstate.promoted;
    int limit = computeLimit(tg, untainted, destructive, migrate, canaryState);
    List<ReconcileResult.Placement> place = computePlacements(tg, names, untainted, migrate, rescheduleNow);
    if (!existingDeployment) {
      dstate.desiredTotal += place.size();
    }
    boolean placeReady = !deploymentPaused && !deploymentFailed && !canaryState;
    if (placeReady) {
      desired.place += place.size();
      result.place.addAll(place);
      limit -= Math.min(place.size(), limit);
    } else {
      // Lost and failed allocations are replaced even while a deployment holds back the rest.
      int allowed = Math.min(lost.size(), place.size());
      desired.place += allowed;
      result.place.addAll(place.subList(0, allowed));
      if (!deploymentPaused) {
        for (ReconcileResult.Placement p : place.subList(allowed, place.size())) {
          if (p.reschedule()) {
            desired.place++;
            result.place.add(p);
          }
        }
      }
    }
    if (placeReady) {
      List<Allocation> ordered = new ArrayList<>(destructive.values());
      ordered.sort(Comparator.comparingInt(a -> AllocNames.index(a.name())));
      int n = Math.min(ordered.size(), limit);
      desired.destructiveUpdate += n;
      desired.ignore += ordered.size() - n;
      for (Allocation a : ordered.subList(0, n)) {
        result.destructive.add(new ReconcileResult.Placement(a.name(), tg, a, false, false, ALLOC_UPDATING));
      }
      limit -= n;
    } else {
      desired.ignore += destructive.size();
    }
    if (!migrate.isEmpty()) {
      desired.migrate += migrate.size();
      for (Allocation a : migrate.values()) {
        result.stop.add(new ReconcileResult.Stop(a, "", ALLOC_MIGRATING));
        result.place.add(new ReconcileResult.Placement(a.name(), tg, a, false, false, null));
      }
    }

    boolean updatingSpec = !destructive.isEmpty() || !result.inplace.isEmpty();
    boolean hadRunning = false;
    for (Allocation a : all.values()) {
      if (a.job() != null && a.job().versionOrZero() == job.versionOrZero()
          && a.job().createIndex().equals(job.createIndex())) {
        hadRunning = true;
        break;
      }
    }
    if (!existingDeployment && strategy != null && dstate.desiredTotal != 0 && (!hadRunning || updatingSpec)) {
      if (deployment == null) {
        deployment = Deployments.newDeployment(job);
        result.deployment = deployment;
        result.deploymentGroups = new TreeMap<>();
      }
      if (result.deploymentGroups != null) {
        result.deploymentGroups.put(group, dstate);
      }
    }

    boolean complete = destructive.size() + inplaceCount + place.size() + migrate.size() + rescheduleNow.size()
        + later.size() == 0 && !requireCanary;
    if (complete && deployment != null && deployment.taskGroups() != null) {
      DeploymentState s = deployment.taskGroups().get(group);
      if (s != null && (s.healthyAllocs() < Math.max(s.desiredTotal(), s.desiredCanaries())
          || (s.desiredCanaries() > 0 && !s.promoted()))) {
        complete = false;
      }
    }
    return complete;
  }

  /** Batch allocations of older versions that finished are left alone. */
  private Map<String, Allocation> filterOldTerminal(Map<String, Allocation> all) {
    Map<String, Allocation> ignored = new LinkedHashMap<>();
    if (!batch) {
      return ignored;
    }
    all.values().removeIf(a -> {
      boolean older = a.job() != null && (a.job().versionOrZero() < job.versionOrZero()
          || a.job().createIndex() < job.createIndex());
      if (older && a.terminal()) {
        ignored.put(a.id(), a);
        return true;
      }
      return false;
    });
    return ignored;
  }

  /** Stops canaries of old or failed deployments; returns the current deployment's live canaries. */
  private Map<String, Allocation> handleCanaries(Map<String, Allocation> all, ReconcileResult.Desired desired) {
    List<String> stopIds = new ArrayList<>();
    if (oldDeployment != null && oldDeployment.taskGroups() != null) {
      for (DeploymentState s : oldDeployment.taskGroups().values()) {
        if (!s.promoted() && s.placedCanaries() != null) {
          stopIds.addAll(s.placedCanaries());
        }
      }
    }
    if (deployment != null && deploymentFailedNow() && deployment.taskGroups() != null) {
      for (DeploymentState s : deployment.taskGroups().values()) {
        if (!s.promoted() && s.placedCanaries() != null) {
          stopIds.addAll(s.placedCanaries());
        }
      }
    }
    for (String id : stopIds) {
      Allocation a = all.remove(id);
      if (a != null && !a.terminal()) {
        result.stop.add(new ReconcileResult.Stop(a, "", ALLOC_NOT_NEEDED));
        desired.stop++;
      }
    }
    Map<String, Allocation> canaries = new LinkedHashMap<>();
    if (deployment != null && deployment.taskGroups() != null) {
      for (DeploymentState s : deployment.taskGroups().values()) {
        for (String id : s.placedCanaries() == null ? List.<String>of() : s.placedCanaries()) {
          Allocation a = all.get(id);
          if (a == null) {
            continue;
          }
          if (!a.terminal() && isLost(a)) {
            result.stop.add(new ReconcileResult.Stop(a, Allocation.CLIENT_LOST, ALLOC_LOST));
            all.remove(id);
          } else if (!a.terminal() && migrating(a)) {
            result.stop.add(new ReconcileResult.Stop(a, "", ALLOC_MIGRATING));
            all.remove(id);
          } else {
            canaries.put(id, a);
          }
        }
      }
    }
    return canaries;
  }

  private boolean deploymentFailedNow() {
    return Deployment.STATUS_FAILED.equals(deployment.status());
  }

  private static boolean migrating(Allocation a) {
    DesiredTransition t = a.desiredTransition();
    return t != null && Boolean.TRUE.equals(t.migrate());
  }

  private void splitTainted(Map<String, Allocation> all, Map<String, Allocation> untainted,
      Map<String, Allocation> migrate, Map<String, Allocation> lost) {
    for (Allocation a : all.values()) {
      if (a.terminal()) {
        untainted.put(a.id(), a);
      } else if (migrating(a)) {
        migrate.put(a.id(), a);
      } else if (isLost(a)) {
        lost.put(a.id(), a);
      } else {
        untainted.put(a.id(), a);
      }
    }
  }

  /**
   * Nomad's {@code filterByRescheduleable}: keeps what still occupies a slot, moves failed
   * allocations due now to {@code now} and those due later to {@code later}.
   */
  private Map<String, Allocation> filterReschedulable(Map<String, Allocation> in, Map<String, Allocation> now,
      List<Allocation> later, List<long[]> laterTimes) {
    Map<String, Allocation> untainted = new LinkedHashMap<>();
    for (Allocation a : in.values()) {
      if (a.nextAllocation() != null && !a.nextAllocation().isEmpty()) {
        continue;
      }
      boolean stopped = Allocation.DESIRED_STOP.equals(a.desiredStatus())
          || Allocation.DESIRED_EVICT.equals(a.desiredStatus());
      if (batch) {
        if (stopped) {
          if (ranSuccessfully(a)) {
            untainted.put(a.id(), a);
          }
          continue;
        }
        if (!Allocation.CLIENT_FAILED.equals(a.clientStatus())) {
          untainted.put(a.id(), a);
          continue;
        }
      } else {
        if (stopped || Allocation.CLIENT_COMPLETE.equals(a.clientStatus())
            || Allocation.CLIENT_LOST.equals(a.clientStatus())) {
          continue;
        }
        if (!Allocation.CLIENT_FAILED.equals(a.clientStatus())) {
          untainted.put(a.id(), a);
          continue;
        }
      }
      // A failed allocation that is still desired to run.
      if (deployment != null && a.deploymentId() != null && a.deploymentId().equals(deployment.id())
          && deployment.active() && !forced(a, false)) {
        untainted.put(a.id(), a);
        continue;
      }
      if (forced(a, true)) {
        now.put(a.id(), a);
        continue;
      }
      long next = RescheduleRules.nextTime(a, scale);
      if (next >= 0 && (evalId.equals(a.followupEvalId()) || next - nowNanos <= scale.wallNanos(RescheduleRules.WINDOW_NANOS))) {
        now.put(a.id(), a);
        continue;
      }
      untainted.put(a.id(), a);
      if (next >= 0 && (a.followupEvalId() == null || a.followupEvalId().isEmpty())) {
        later.add(a);
        laterTimes.add(new long[] {next});
      }
    }
    return untainted;
  }

  private static boolean forced(Allocation a, boolean force) {
    DesiredTransition t = a.desiredTransition();
    if (t == null) {
      return false;
    }
    return force ? Boolean.TRUE.equals(t.forceReschedule())
        : Boolean.TRUE.equals(t.reschedule()) || Boolean.TRUE.equals(t.forceReschedule());
  }

  private static boolean ranSuccessfully(Allocation a) {
    if (a.taskStates() == null || a.taskStates().isEmpty()) {
      return false;
    }
    return a.taskStates().values().stream().allMatch(s -> "dead".equals(s.state()) && !s.failed());
  }

  /** One follow-up evaluation per 5 s window of failures, each failed alloc pointing at its own. */
  private void handleDelayedReschedules(List<Allocation> later, List<long[]> times) {
    if (later.isEmpty()) {
      return;
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < later.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingLong(i -> times.get(i)[0]));
    long batchStart = -1;
    Evaluation eval = null;
    for (int i : order) {
      long t = times.get(i)[0];
      if (eval == null || t - batchStart >= scale.wallNanos(RescheduleRules.BATCH_WINDOW_NANOS)) {
        batchStart = t;
        eval = followup(t);
        result.followups.add(eval);
      }
      AllocBuilder b = AllocBuilder.from(later.get(i));
      b.followupEvalId = eval.id();
      result.attributeUpdates.put(b.id, b.build());
    }
  }

  private Evaluation followup(long waitUntilNanos) {
    EvalBuilder b = EvalBuilder.from(Evaluation.pending(UUID.randomUUID().toString(), job.namespace(),
        job.priority(), job.type(), Evaluation.TRIGGER_RETRY_FAILED_ALLOC, job.id(), job.modifyIndex()));
    b.statusDescription = FOLLOWUP_DESC;
    b.waitUntil = Instant.ofEpochSecond(0, waitUntilNanos);
    return b.build();
  }

  private Map<String, Allocation> computeStop(TaskGroup tg, AllocNames names, Map<String, Allocation> untainted,
      Map<String, Allocation> migrate, Map<String, Allocation> lost, Map<String, Allocation> canaries,
      boolean canaryState) {
    Map<String, Allocation> stop = new LinkedHashMap<>(lost);
    for (Allocation a : lost.values()) {
      result.stop.add(new ReconcileResult.Stop(a, Allocation.CLIENT_LOST, ALLOC_LOST));
    }
    Map<String, Allocation> candidates = new LinkedHashMap<>(untainted);
    if (canaryState) {
      candidates.keySet().removeAll(canaries.keySet());
    }
    int remove = candidates.size() + migrate.size() - tg.countOrZero();
    if (remove <= 0) {
      return stop;
    }
    candidates.values().removeIf(Allocation::terminal);
    if (!canaryState && !canaries.isEmpty()) {
      Set<String> canaryNames = new java.util.HashSet<>();
      for (Allocation c : canaries.values()) {
        canaryNames.add(c.name());
      }
      for (Allocation a : new ArrayList<>(candidates.values())) {
        if (!canaries.containsKey(a.id()) && canaryNames.contains(a.name())) {
          stop.put(a.id(), a);
          result.stop.add(new ReconcileResult.Stop(a, "", ALLOC_NOT_NEEDED));
          candidates.remove(a.id());
          if (--remove == 0) {
            return stop;
          }
        }
      }
    }
    Set<String> removeNames = names.highest(remove);
    for (Allocation a : new ArrayList<>(candidates.values())) {
      if (removeNames.contains(a.name())) {
        stop.put(a.id(), a);
        result.stop.add(new ReconcileResult.Stop(a, "", ALLOC_NOT_NEEDED));
        candidates.remove(a.id());
        if (--remove == 0) {
          return stop;
        }
      }
    }
    for (Allocation a : new ArrayList<>(candidates.values())) {
      stop.put(a.id(), a);
      result.stop.add(new ReconcileResult.Stop(a, "", ALLOC_NOT_NEEDED));
      if (--remove == 0) {
        return stop;
      }
    }
    return stop;
  }

  /** MaxParallel minus the deployment's allocations not yet healthy; 0 once any is unhealthy. */
  private int computeLimit(TaskGroup tg, Map<String, Allocation> untainted, Map<String, Allocation> destructive,
      Map<String, Allocation> migrate, boolean canaryState) {
    if (tg.update() == null || destructive.size() + migrate.size() == 0) {
      return tg.countOrZero();
    }
    if (deploymentPaused || deploymentFailed || canaryState) {
      return 0;
    }
    int limit = tg.update().maxParallel();
    if (deployment != null) {
      for (Allocation a : untainted.values()) {
        if (!deployment.id().equals(a.deploymentId())) {
          continue;
        }
        AllocDeploymentStatus ds = a.deploymentStatus();
        if (ds != null && Boolean.FALSE.equals(ds.healthy())) {
          return 0;
        }
        if (ds == null || !Boolean.TRUE.equals(ds.healthy())) {
          limit--;
        }
      }
    }
    return Math.max(0, limit);
  }

  private List<ReconcileResult.Placement> computePlacements(TaskGroup tg, AllocNames names, Map<String, Allocation> untainted,
      Map<String, Allocation> migrate, Map<String, Allocation> reschedule) {
    int existingCount = untainted.size() + migrate.size();
    List<ReconcileResult.Placement> place = new ArrayList<>();
    for (Allocation a : reschedule.values()) {
      if (existingCount >= tg.countOrZero()) {
        break;
      }
      boolean canary = a.deploymentStatus() != null && a.deploymentStatus().canary();
      place.add(new ReconcileResult.Placement(a.name(), tg, a, true, canary, null));
      existingCount++;
    }
    if (existingCount < tg.countOrZero()) {
      for (String name : names.next(tg.countOrZero() - existingCount)) {
        place.add(new ReconcileResult.Placement(name, tg, null, false, false, null));
      }
    }
    return place;
  }
}
