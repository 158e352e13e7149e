package io.jobgate.scheduler;

import io.jobgate.state.JobKey;
import io.jobgate.state.StateSnapshot;
import io.jobgate.structs.AllocBuilder;
import io.jobgate.structs.AllocMetric;
import io.jobgate.structs.Allocation;
import io.jobgate.structs.DesiredUpdates;
import io.jobgate.structs.EvalBuilder;
import io.jobgate.structs.Evaluation;
import io.jobgate.structs.GoTime;
import io.jobgate.structs.Job;
import io.jobgate.structs.Node;
import io.jobgate.structs.TaskGroup;
import io.jobgate.structs.UpdateStrategy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Nomad's system scheduler (spec §15.3, last point): one allocation of each group on every ready
 * node of the job's datacenters that passes its constraints. Updates roll at most the job-level
 * {@code MaxParallel} at a time, the rest following {@code Stagger} later via a
 * {@code rolling-update} evaluation. Nodes a constraint rules out are not failures.
 */
final class SystemScheduler implements Scheduler {

  static final int MAX_ATTEMPTS = 5;

  private StateSnapshot state;
  private Evaluation eval;
  private Planner planner;
  private Job job;
  private Plan plan;
  private EvalContext ctx;
  private NodeSelector stack;
  private Map<String, Integer> queued;
  private Map<String, MetricsBuilder> failed;
  private Map<String, DesiredUpdates> desired;
  private Evaluation nextEval;
  private boolean limitReached;
  private PlanResult planResult;

  SystemScheduler() {
  }

  private record Missing(String name, TaskGroup tg, Node node, Allocation previous) {
  }

  @Override
  public Outcome process(StateSnapshot initial, Evaluation evaluation, Planner p) {
    state = initial;
    eval = evaluation;
    planner = p;
    int attempts = 0;
    while (!processOnce()) {
      if (planResult != null && planResult.progress()) {
        attempts = 0;
      } else if (++attempts >= MAX_ATTEMPTS) {
        return finish(Evaluation.STATUS_FAILED, "maximum attempts reached (" + MAX_ATTEMPTS + ")");
      }
    }
    return finish(Evaluation.STATUS_COMPLETE, "");
  }

  private Outcome finish(String status, String description) {
    EvalBuilder b = EvalBuilder.from(eval);
    b.status = status;
    b.statusDescription = description;
    Map<String, AllocMetric> metrics = null;
    if (failed != null) {
      metrics = new TreeMap<>();
      for (Map.Entry<String, MetricsBuilder> e : failed.entrySet()) {
        metrics.put(e.getKey(), e.getValue().build());
      }
    }
    b.failedTGAllocs = metrics;
    b.nextEval = nextEval == null ? "" : nextEval.id();
    b.queuedAllocations = queued == null ? null : Map.copyOf(queued);
    b.snapshotIndex = state.index();
    Evaluation done = b.build();
    planner.updateEval(done);
    return new Outcome(done, desired, metrics);
  }

  private boolean processOnce() {
    JobKey key = new JobKey(eval.namespace(), eval.jobId());
    job = state.job(key);
    queued = new HashMap<>();
    failed = null;
    planResult = null;
    plan = new Plan(eval.id(), job, false);
    ctx = new EvalContext(state, plan, job);
    stack = new NodeSelector(ctx, false);
    computeJobAllocs(key);
    if (plan.isNoOp() && !eval.annotatePlan()) {
      return true;
    }
    if (limitReached && nextEval == null) {
      UpdateStrategy u = job.update();
      EvalBuilder b = EvalBuilder.from(Evaluation.pending(UUID.randomUUID().toString(), job.namespace(),
          job.priority(), job.type(), Evaluation.TRIGGER_ROLLING_UPDATE, job.id(), job.modifyIndex()));
      b.waitNanos = u.stagger();
      b.previousEval = eval.id();
      nextEval = b.build();
      planner.createEval(nextEval);
    }
    planResult = planner.submitPlan(plan);
    planResult.dequeuePlaced(queued);
    if (planResult.refreshed() != null) {
      state = planResult.refreshed();
      return false;
    }
    return planResult.fullCommit(plan);
  }

  private void computeJobAllocs(JobKey key) {
    Map<String, ReconcileResult.Desired> want = new TreeMap<>();
    boolean stopped = job == null || job.stopped();
    ReadyNodes ready = stopped ? null : ReadyNodes.of(state, job.datacenters());
    Map<String, Integer> byDc = ready == null ? Map.of() : ready.byDc();
    List<Node> nodes = ready == null ? List.of() : ready.shuffled();
    Map<String, Map<String, Allocation>> live = new HashMap<>();
    Map<String, Map<String, Allocation>> terminal = new HashMap<>();
    for (Allocation a : state.allocsByJob(key)) {
      (a.terminal() ? terminal : live).computeIfAbsent(a.nodeId(), k -> new LinkedHashMap<>()).put(a.name(), a);
    }
    Map<String, TaskGroup> required = new LinkedHashMap<>();
    if (!stopped) {
      for (TaskGroup tg : job.taskGroups()) {
        required.put(job.id() + "." + tg.name() + "[0]", tg);
      }
    }
    List<Missing> place = new ArrayList<>();
    List<Allocation> updates = new ArrayList<>();
    Map<String, Node> eligible = new HashMap<>();
    for (Node n : nodes) {
      eligible.put(n.id(), n);
      live.putIfAbsent(n.id(), new LinkedHashMap<>());
    }
    for (Map.Entry<String, Map<String, Allocation>> e : live.entrySet()) {
      Node node = state.node(e.getKey());
      boolean lost = node == null || Node.STATUS_DOWN.equals(node.status());
      for (Allocation a : e.getValue().values()) {
        ReconcileResult.Desired d = want.computeIfAbsent(a.taskGroup(), k -> new ReconcileResult.Desired());
        if (!required.containsKey(a.name())) {
          plan.appendStop(a, Reconciler.ALLOC_NOT_NEEDED, "");
          d.stop++;
        } else if (lost) {
          plan.appendStop(a, Reconciler.ALLOC_LOST, Allocation.CLIENT_LOST);
          d.stop++;
        } else if (!a.job().jobModifyIndex().equals(job.jobModifyIndex())) {
          updates.add(a);
        } else {
          d.ignore++;
        }
      }
      if (lost || !eligible.containsKey(e.getKey())) {
        continue;
      }
      for (Map.Entry<String, TaskGroup> r : required.entrySet()) {
        if (!e.getValue().containsKey(r.getKey())) {
          Map<String, Allocation> dead = terminal.getOrDefault(e.getKey(), Map.of());
          place.add(new Missing(r.getKey(), r.getValue(), node, dead.get(r.getKey())));
        }
      }
    }
    List<Allocation> destructive = new ArrayList<>();
    for (Allocation a : updates) {
      ReconcileResult.Desired d = want.computeIfAbsent(a.taskGroup(), k -> new ReconcileResult.Desired());
      TaskGroup tg = job.lookupTaskGroup(a.taskGroup());
      Allocation updated = inPlace(a, tg);
      if (updated == null) {
        destructive.add(a);
      } else {
        d.inPlaceUpdate++;
        plan.appendAlloc(updated);
      }
    }
    UpdateStrategy u = job == null ? null : job.update();
    boolean rolling = !stopped && u != null && u.stagger() != null && u.stagger() > 0 && u.maxParallel() != null
        && u.maxParallel() > 0;
    int limit = rolling ? u.maxParallel() : destructive.size();
    for (Allocation a : destructive) {
      ReconcileResult.Desired d = want.computeIfAbsent(a.taskGroup(), k -> new ReconcileResult.Desired());
      if (limit == 0) {
        limitReached = true;
        d.ignore++;
        continue;
      }
      limit--;
      d.destructiveUpdate++;
      plan.appendStop(a, Reconciler.ALLOC_UPDATING, "");
      place.add(new Missing(a.name(), job.lookupTaskGroup(a.taskGroup()), state.node(a.nodeId()), a));
    }
    for (Missing m : place) {
      want.computeIfAbsent(m.tg().name(), k -> new ReconcileResult.Desired()).place++;
    }
    if (place.isEmpty()) {
      if (!stopped) {
        for (TaskGroup tg : job.taskGroups()) {
          queued.put(tg.name(), 0);
        }
      }
    } else {
      for (Missing m : place) {
        queued.merge(m.tg().name(), 1, Integer::sum);
      }
      computePlacements(place, byDc, want);
    }
    desired = new TreeMap<>();
    want.forEach((g, d) -> desired.put(g, d.build()));
    if (eval.annotatePlan()) {
      plan.desiredTGUpdates = desired;
    }
  }

  private Allocation inPlace(Allocation a, TaskGroup tg) {
    if (tg == null || SpecChange.destructive(a.job(), job, tg.name())) {
      return null;
    }
    Node node = state.node(a.nodeId());
    if (node == null) {
      return null;
    }
    plan.appendStop(a, Reconciler.ALLOC_IN_PLACE, "");
    NodeSelector.Option option = stack.selectOn(node, tg);
    plan.popStop(a);
    if (option == null) {
      return null;
    }
    AllocBuilder b = AllocBuilder.from(a);
    b.evalId = eval.id();
    b.job = job;
    b.metrics = ctx.metrics.build();
    return b.build();
  }

  private void computePlacements(List<Missing> place, Map<String, Integer> byDc,
      Map<String, ReconcileResult.Desired> want) {
    long now = GoTime.toUnixNanos(Instant.now());
    for (Missing m : place) {
      NodeSelector.Option option = stack.selectOn(m.node(), m.tg());
      if (option == null) {
        MetricsBuilder metrics = ctx.metrics;
        if (metrics.nodesFiltered > 0) {
          // A node the group's constraints rule out is not a failed placement.
          queued.merge(m.tg().name(), -1, Integer::sum);
          want.get(m.tg().name()).place--;
          continue;
        }
        if (failed == null) {
          failed = new TreeMap<>();
        }
        MetricsBuilder first = failed.get(m.tg().name());
        if (first != null) {
          first.coalescedFailures++;
          continue;
        }
        metrics.nodesAvailable = byDc;
        failed.put(m.tg().name(), metrics);
        continue;
      }
      ctx.metrics.nodesAvailable = byDc;
      AllocBuilder b = GenericScheduler.newAlloc(job, eval, m.name(), m.tg(), option, ctx.metrics, now);
      if (m.previous() != null) {
        b.previousAllocation = m.previous().id();
      }
      plan.appendAlloc(b.build());
    }
  }
}
