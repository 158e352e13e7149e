package io.jobgate.scheduler;

import io.jobgate.structs.Constraint;
import io.jobgate.structs.Node;
import io.jobgate.structs.TaskGroup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The distinct_hosts and distinct_property checks for one placement (spec §15.3): job-level
 * constraints count every allocation of the job, group-level ones only the group's, counting what
 * the plan already placed.
 */
final class Distinct {

  private final EvalContext ctx;
  private final List<Scoped> hosts = new ArrayList<>();
  private final List<Scoped> properties = new ArrayList<>();
  private Map<Scoped, Map<String, Integer>> valueCounts;

  private record Scoped(Constraint c, String group) {
  }

  Distinct(EvalContext ctx, TaskGroup tg) {
    this.ctx = ctx;
    collect(ctx.job.constraints(), null);
    collect(tg.constraints(), tg.name());
  }

  private void collect(List<Constraint> cs, String group) {
    if (cs == null) {
      return;
    }
    for (Constraint c : cs) {
      if (Constraints.DISTINCT_HOSTS.equals(c.operand())) {
        hosts.add(new Scoped(c, group));
      } else if (Constraints.DISTINCT_PROPERTY.equals(c.operand())) {
        properties.add(new Scoped(c, group));
      }
    }
  }

  boolean allows(Node node, MetricsBuilder m) {
    for (Scoped s : hosts) {
      if (ctx.jobAllocsOn(node.id(), s.group()) > 0) {
        m.filtered(node, Constraints.DISTINCT_HOSTS);
        return false;
      }
    }
    for (Scoped s : properties) {
      String value = Constraints.resolve(s.c().lTarget(), node);
      if (value == null) {
        m.filtered(node, "missing property " + s.c().lTarget());
        return false;
      }
      int allowed = limit(s.c());
      int used = counts(s).getOrDefault(value, 0);
      if (used >= allowed) {
        m.filtered(node, "distinct_property: " + s.c().lTarget() + "=" + value + " used by " + used + " allocs");
        return false;
      }
    }
    return true;
  }

  private static int limit(Constraint c) {
    String r = c.rTarget();
    if (r == null || r.isEmpty()) {
      return 1;
    }
    try {
      return Integer.parseInt(r);
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  private Map<String, Integer> counts(Scoped s) {
    if (valueCounts == null) {
      valueCounts = new HashMap<>();
    }
    return valueCounts.computeIfAbsent(s, k -> {
      Map<String, Integer> out = new HashMap<>();
      for (Map.Entry<String, Integer> e : ctx.jobAllocNodes(k.group()).entrySet()) {
        Node n = ctx.state.node(e.getKey());
        String v = n == null ? null : Constraints.resolve(k.c().lTarget(), n);
        if (v != null && e.getValue() > 0) {
          out.merge(v, e.getValue(), Integer::sum);
        }
      }
      return out;
    });
  }
}
