package io.jobgate.scheduler;

import io.jobgate.structs.Constraint;
import io.jobgate.structs.DriverInfo;
import io.jobgate.structs.Job;
import io.jobgate.structs.Node;
import io.jobgate.structs.Task;
import io.jobgate.structs.TaskGroup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Nomad's placement stack (spec §15.3): walk the shuffled candidate nodes round-robin, filter by
 * feasibility (job constraints, drivers, group and task constraints, cached per computed class;
 * then distinct_hosts and distinct_property), check the fit, score by bin-packing with job and
 * node anti-affinity, and take the best of the first {@code limit} that fit ("power of two
 * choices": 2 for batch, max(2, ⌈log2 n⌉) otherwise).
 */
final class NodeSelector {

  static final double SERVICE_ANTI_AFFINITY = 20.0;
  static final double BATCH_ANTI_AFFINITY = 10.0;
  static final double RESCHEDULE_PENALTY = 50.0;
  /** Options scoring at or below this are passed over, up to {@link #MAX_SKIP} times. */
  static final double SKIP_THRESHOLD = -10.0;
  static final int MAX_SKIP = 3;

  private final EvalContext ctx;
  private final boolean batch;
  private final List<Constraint> jobConstraints;
  private final boolean jobEscapes;
  /** Each group's own and its tasks' constraints, gathered once per evaluation. */
  private final Map<String, List<Constraint>> groupConstraints = new HashMap<>();
  private final Map<String, Boolean> groupEscapes = new HashMap<>();
  private final Map<String, AllocResources.Ask> asks = new HashMap<>();
  private List<Node> nodes = List.of();
  private int offset;
  private int limit = 2;

  NodeSelector(EvalContext ctx, boolean batch) {
    this.ctx = ctx;
    this.batch = batch;
    Job job = ctx.job;
    this.jobConstraints = job == null || job.constraints() == null ? List.of() : job.constraints();
    this.jobEscapes = Constraints.escapes(jobConstraints);
  }

  /** The nodes in a fixed random order, walked from a random point (see {@link ReadyNodes}). */
  void setNodes(List<Node> shuffled, int start) {
    nodes = shuffled;
    offset = shuffled.isEmpty() ? 0 : start % shuffled.size();
    limit = 2;
    if (!batch && !shuffled.isEmpty()) {
      limit = Math.max(2, (int) Math.ceil(Math.log(shuffled.size()) / Math.log(2)));
    }
  }

  /** A chosen node with the resources the group gets there. */
  record Option(Node node, AllocResources.Fit fit, double score) {
  }

  /**
   * Picks a node for one allocation of {@code tg}, or null. {@code penaltyNodes} are nodes a
   * rescheduled allocation ran on before. Metrics of this attempt are left in {@code ctx.metrics}.
   */
  Option select(TaskGroup tg, Set<String> penaltyNodes) {
    ctx.metrics = new MetricsBuilder();
    MetricsBuilder m = ctx.metrics;
    AllocResources.Ask ask = asks.computeIfAbsent(tg.name(), k -> AllocResources.Ask.of(tg));
    Distinct distinct = new Distinct(ctx, tg);
    Node best = null;
    EvalContext.Usage bestUsage = null;
    double bestScore = 0;
    double bestFit = 0;
    int options = 0;
    int skipped = 0;
    Node[] skippedNodes = new Node[MAX_SKIP];
    EvalContext.Usage[] skippedUsage = new EvalContext.Usage[MAX_SKIP];
    double[] skippedScores = new double[MAX_SKIP];
    double[] skippedFits = new double[MAX_SKIP];
    int n = nodes.size();
    for (int seen = 0; seen < n && options < limit; seen++) {
      Node node = nodes.get(offset);
      offset = (offset + 1) % n;
      m.evaluated();
      if (!feasible(node, tg) || !distinct.allows(node, m)) {
        continue;
      }
      EvalContext.Usage used = ctx.proposedUsage(node);
      double fit = AllocResources.score(node, ask, used, m);
      if (fit < 0) {
        continue;
      }
      double score = fit;
      m.score(node, MetricsBuilder.BINPACK, fit);
      int collisions = ctx.jobAllocsOn(node.id(), null);
      if (collisions > 0) {
        double penalty = -collisions * (batch ? BATCH_ANTI_AFFINITY : SERVICE_ANTI_AFFINITY);
        score += penalty;
        m.score(node, MetricsBuilder.JOB_ANTI_AFFINITY, penalty);
      }
      if (penaltyNodes != null && penaltyNodes.contains(node.id())) {
        score -= RESCHEDULE_PENALTY;
        m.score(node, MetricsBuilder.NODE_ANTI_AFFINITY, -RESCHEDULE_PENALTY);
      }
      if (score <= SKIP_THRESHOLD && skipped < MAX_SKIP) {
        skippedNodes[skipped] = node;
        skippedUsage[skipped] = used;
        skippedScores[skipped] = score;
        skippedFits[skipped++] = fit;
        continue;
      }
      options++;
      if (best == null || score > bestScore) {
        best = node;
        bestUsage = used;
        bestScore = score;
        bestFit = fit;
      }
    }
    for (int i = 0; i < skipped && options < limit; i++, options++) {
      if (best == null || skippedScores[i] > bestScore) {
        best = skippedNodes[i];
        bestUsage = skippedUsage[i];
        bestScore = skippedScores[i];
        bestFit = skippedFits[i];
      }
    }
    if (best == null) {
      return null;
    }
    AllocResources.Fit fit = AllocResources.assign(best, tg, ask, bestUsage, bestFit);
    if (fit == null) {
      m.exhausted(best, "network: dynamic port selection failed");
      return null;
    }
    return new Option(best, fit, bestScore);
  }

  /** Checks one node against a single group without moving the round-robin walk (in-place updates). */
  Option selectOn(Node node, TaskGroup tg) {
    ctx.metrics = new MetricsBuilder();
    ctx.metrics.evaluated();
    if (!feasible(node, tg) || !new Distinct(ctx, tg).allows(node, ctx.metrics)) {
      return null;
    }
    AllocResources.Ask ask = asks.computeIfAbsent(tg.name(), k -> AllocResources.Ask.of(tg));
    EvalContext.Usage used = ctx.proposedUsage(node);
    double score = AllocResources.score(node, ask, used, ctx.metrics);
    if (score < 0) {
      return null;
    }
    AllocResources.Fit fit = AllocResources.assign(node, tg, ask, used, score);
    return fit == null ? null : new Option(node, fit, score);
  }

  /** Job constraints, then drivers and group/task constraints; verdicts cached per computed class. */
  boolean feasible(Node node, TaskGroup tg) {
    String cls = node.computedClass();
    List<Constraint> jobCs = jobConstraints;
    Boolean jobOk = jobEscapes ? null : ctx.jobClasses.get(cls);
    if (jobOk == null) {
      String reason = failedConstraint(jobCs, node);
      jobOk = reason == null;
      if (jobEscapes) {
        ctx.escaped = true;
      } else {
        ctx.jobClasses.put(cls, jobOk);
      }
      if (!jobOk) {
        ctx.metrics.filtered(node, reason);
        return false;
      }
    } else if (!jobOk) {
      ctx.metrics.filtered(node, "computed class ineligible");
      return false;
    }
    List<Constraint> tgCs = groupConstraints.computeIfAbsent(tg.name(), k -> groupConstraints(tg));
    boolean tgEscapes = groupEscapes.computeIfAbsent(tg.name(), k -> Constraints.escapes(tgCs));
    Map<String, Boolean> classes = ctx.groupClasses.computeIfAbsent(tg.name(), k -> new HashMap<>());
    Boolean tgOk = tgEscapes ? null : classes.get(cls);
    if (tgOk == null) {
      String reason = hasDrivers(node, tg) ? failedConstraint(tgCs, node) : "missing drivers";
      tgOk = reason == null;
      if (tgEscapes) {
        ctx.escaped = true;
      } else {
        classes.put(cls, tgOk);
      }
      if (!tgOk) {
        ctx.metrics.filtered(node, reason);
      }
      return tgOk;
    }
    if (!tgOk) {
      ctx.metrics.filtered(node, "computed class ineligible");
    }
    return tgOk;
  }

  private static List<Constraint> groupConstraints(TaskGroup tg) {
    List<Constraint> out = new ArrayList<>();
    if (tg.constraints() != null) {
      out.addAll(tg.constraints());
    }
    for (Task t : tg.tasks()) {
      if (t.constraints() != null) {
        out.addAll(t.constraints());
      }
    }
    return out;
  }

  private static String failedConstraint(List<Constraint> cs, Node node) {
    for (Constraint c : cs) {
      if (!Constraints.meets(c, node)) {
        return Constraints.reason(c);
      }
    }
    return null;
  }

  /** Every task's driver must be detected and healthy (or advertised as {@code driver.<name>}). */
  private static boolean hasDrivers(Node node, TaskGroup tg) {
    for (Task t : tg.tasks()) {
      DriverInfo info = node.drivers() == null ? null : node.drivers().get(t.driver());
      if (info != null) {
        if (!info.detected() || !info.healthy()) {
          return false;
        }
        continue;
      }
      String attr = node.attributes() == null ? null : node.attributes().get("driver." + t.driver());
      if (!"1".equals(attr) && !"true".equalsIgnoreCase(attr)) {
        return false;
      }
    }
    return true;
  }
}
