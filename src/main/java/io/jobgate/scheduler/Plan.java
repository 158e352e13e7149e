package io.jobgate.scheduler;

import io.jobgate.structs.AllocBuilder;
import io.jobgate.structs.Allocation;
import io.jobgate.structs.Deployment;
import io.jobgate.structs.DesiredUpdates;
import io.jobgate.structs.Job;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one scheduling pass wants changed (Nomad's {@code structs.Plan}): allocations to stop per
 * node, allocations to place or update per node, a new deployment and deployment status changes.
 * Built by one scheduler thread, then handed to a {@link Planner}; not shared while being built.
 */
public final class Plan {

  final String evalId;
  final Job job;
  final boolean allAtOnce;
  /** Allocations told to stop, by node: copies with the desired status already set. */
  final Map<String, List<Allocation>> nodeUpdate = new LinkedHashMap<>();
  /** New placements, in-place updates and attribute updates, by node. */
  final Map<String, List<Allocation>> nodeAllocation = new LinkedHashMap<>();
  Deployment deployment;
  final List<DeploymentStatusUpdate> deploymentUpdates = new ArrayList<>();
  /** The reconciler's per-group decisions, when the eval asked for annotations (plan dry runs). */
  Map<String, DesiredUpdates> desiredTGUpdates;

  Plan(String evalId, Job job, boolean allAtOnce) {
    this.evalId = evalId;
    this.job = job;
    this.allAtOnce = allAtOnce;
  }

  public String evalId() {
    return evalId;
  }

  public Job job() {
    return job;
  }

  public Map<String, List<Allocation>> nodeUpdate() {
    return nodeUpdate;
  }

  public Map<String, List<Allocation>> nodeAllocation() {
    return nodeAllocation;
  }

  public Deployment deployment() {
    return deployment;
  }

  public List<DeploymentStatusUpdate> deploymentUpdates() {
    return deploymentUpdates;
  }

  /** Per-group decisions, or null unless the evaluation asked for annotations. */
  public Map<String, DesiredUpdates> desiredTGUpdates() {
    return desiredTGUpdates;
  }

  void appendStop(Allocation a, String description, String clientStatus) {
    AllocBuilder b = AllocBuilder.from(a);
    b.desiredStatus = Allocation.DESIRED_STOP;
    b.desiredDescription = description;
    if (clientStatus != null && !clientStatus.isEmpty()) {
      b.clientStatus = clientStatus;
    }
    nodeUpdate.computeIfAbsent(a.nodeId(), k -> new ArrayList<>()).add(b.build());
  }

  void popStop(Allocation a) {
    List<Allocation> l = nodeUpdate.get(a.nodeId());
    if (l != null) {
      l.removeIf(x -> x.id().equals(a.id()));
      if (l.isEmpty()) {
        nodeUpdate.remove(a.nodeId());
      }
    }
  }

  void appendAlloc(Allocation a) {
    nodeAllocation.computeIfAbsent(a.nodeId(), k -> new ArrayList<>()).add(a);
  }

  boolean stops(String allocId, String nodeId) {
    List<Allocation> l = nodeUpdate.get(nodeId);
    if (l == null) {
      return false;
    }
    for (Allocation a : l) {
      if (a.id().equals(allocId)) {
        return true;
      }
    }
    return false;
  }

  public boolean isNoOp() {
    return nodeUpdate.isEmpty() && nodeAllocation.isEmpty() && deployment == null && deploymentUpdates.isEmpty();
  }

  int placements() {
    int n = 0;
    for (List<Allocation> l : nodeAllocation.values()) {
      n += l.size();
    }
    return n;
  }

  int stopsCount() {
    int n = 0;
    for (List<Allocation> l : nodeUpdate.values()) {
      n += l.size();
    }
    return n;
  }
}
