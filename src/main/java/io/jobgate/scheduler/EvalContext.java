package io.jobgate.scheduler;

import io.jobgate.state.JobKey;
import io.jobgate.state.NodeUsage;
import io.jobgate.state.StateSnapshot;
import io.jobgate.structs.Allocation;
import io.jobgate.structs.Job;
import io.jobgate.structs.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pcollections.PSet;

/**
 * One scheduling pass's view (Nomad's {@code EvalContext}): the snapshot, the plan being built,
 * and what a node would hold if the plan committed. Per-class feasibility verdicts live here too,
 * so each computed class is checked once per evaluation (spec §15.3).
 */
final class EvalContext {

  final StateSnapshot state;
  final Plan plan;
  final Job job;
  MetricsBuilder metrics = new MetricsBuilder();
  /** Job-level verdict per computed class. */
  final Map<String, Boolean> jobClasses = new HashMap<>();
  /** Group-level verdict per group, then per computed class. */
  final Map<String, Map<String, Boolean>> groupClasses = new HashMap<>();
  boolean escaped;
  /** This job's non-terminal allocations in the snapshot, by node. */
  private Map<String, List<Allocation>> jobAllocsByNode;

  EvalContext(StateSnapshot state, Plan plan, Job job) {
    this.state = state;
    this.plan = plan;
    this.job = job;
  }

  /** Resources a node would have in use if the plan committed, without the node's reservation. */
  Usage proposedUsage(Node node) {
    NodeUsage u = state.usage(node.id());
    Usage out = new Usage(u.cpu(), u.memoryMB(), u.diskMB(), u.iops(), u.mbits(), u.ports());
    List<Allocation> stops = plan.nodeUpdate.get(node.id());
    if (stops != null) {
      for (Allocation stop : stops) {
        Allocation existing = state.alloc(stop.id());
        if (existing != null && !existing.terminal()) {
          out.add(existing, -1);
        }
      }
    }
    List<Allocation> placed = plan.nodeAllocation.get(node.id());
    if (placed != null) {
      for (Allocation a : placed) {
        Allocation existing = state.alloc(a.id());
        if (existing != null) {
          if (!existing.terminal() && !plan.stops(a.id(), node.id())) {
            out.add(existing, -1);
          }
          if (a.terminal()) {
            continue;
          }
        }
        out.add(a, 1);
      }
    }
    return out;
  }

  /** This job's allocations on the node if the plan committed; group-filtered when {@code group != null}. */
  int jobAllocsOn(String nodeId, String group) {
    int n = 0;
    for (Allocation a : jobAllocsByNode().getOrDefault(nodeId, List.of())) {
      if ((group == null || group.equals(a.taskGroup())) && !plan.stops(a.id(), nodeId)) {
        n++;
      }
    }
    List<Allocation> placed = plan.nodeAllocation.get(nodeId);
    if (placed != null) {
      for (Allocation a : placed) {
        if (a.jobId().equals(job.id()) && !a.terminal() && state.alloc(a.id()) == null
            && (group == null || group.equals(a.taskGroup()))) {
          n++;
        }
      }
    }
    return n;
  }

  /** Every node holding a non-terminal allocation of this job if the plan committed, with its count. */
  Map<String, Integer> jobAllocNodes(String group) {
    Map<String, Integer> out = new HashMap<>();
    for (String nodeId : jobAllocsByNode().keySet()) {
      out.put(nodeId, jobAllocsOn(nodeId, group));
    }
    for (Map.Entry<String, List<Allocation>> e : plan.nodeAllocation.entrySet()) {
      out.put(e.getKey(), jobAllocsOn(e.getKey(), group));
    }
    return out;
  }

  private Map<String, List<Allocation>> jobAllocsByNode() {
    if (jobAllocsByNode == null) {
      jobAllocsByNode = new HashMap<>();
      for (Allocation a : state.allocsByJob(new JobKey(job.namespace(), job.id()))) {
        if (!a.terminal()) {
          jobAllocsByNode.computeIfAbsent(a.nodeId(), k -> new ArrayList<>()).add(a);
        }
      }
    }
    return jobAllocsByNode;
  }

  /**
   * Nomad's {@code EvalEligibility.GetClasses}: a class is eligible when some group fits it and
   * the job does; ineligible when the job or every group failed on it.
   */
  Map<String, Boolean> classEligibility() {
    Map<String, Boolean> out = new HashMap<>();
    for (Map<String, Boolean> classes : groupClasses.values()) {
      for (Map.Entry<String, Boolean> e : classes.entrySet()) {
        if (e.getValue()) {
          out.put(e.getKey(), true);
        } else {
          out.putIfAbsent(e.getKey(), false);
        }
      }
    }
    for (Map.Entry<String, Boolean> e : jobClasses.entrySet()) {
      if (e.getValue()) {
        out.putIfAbsent(e.getKey(), true);
      } else {
        out.put(e.getKey(), false);
      }
    }
    return out;
  }

  /** Resources in use on one node, adjustable as the plan adds and removes allocations. */
  static final class Usage {
    int cpu;
    int memoryMB;
    int diskMB;
    int iops;
    int mbits;
    PSet<Integer> ports;

    Usage(int cpu, int memoryMB, int diskMB, int iops, int mbits, PSet<Integer> ports) {
      this.cpu = cpu;
      this.memoryMB = memoryMB;
      this.diskMB = diskMB;
      this.iops = iops;
      this.mbits = mbits;
      this.ports = ports;
    }

    void add(Allocation a, int sign) {
      AllocResources.addTo(this, a.resources(), sign);
    }
  }
}
