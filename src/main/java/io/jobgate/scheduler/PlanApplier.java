package io.jobgate.scheduler;

import io.jobgate.state.NodeUsage;
import io.jobgate.state.StateSnapshot;
import io.jobgate.state.StateWriter;
import io.jobgate.structs.AllocBuilder;
import io.jobgate.structs.Allocation;
import io.jobgate.structs.Deployment;
import io.jobgate.structs.DeploymentState;
import io.jobgate.structs.GoTime;
import io.jobgate.structs.NetworkResource;
import io.jobgate.structs.Node;
import io.jobgate.structs.Port;
import io.jobgate.structs.Resources;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Nomad's plan applier (spec §15.1): on the store's writer, re-checks each node of a plan against
 * the latest state (the node is still ready, everything still fits, no port is taken twice) and
 * commits the nodes that pass in one write. A node that no longer fits is left out, and the
 * scheduler gets the fresh state to retry; an all-at-once plan commits entirely or not at all.
 */
final class PlanApplier {

  private PlanApplier() {
  }

  static PlanResult apply(StateWriter w, Plan plan) {
    StateSnapshot view = w.view();
    Set<String> nodes = new LinkedHashSet<>(plan.nodeUpdate.keySet());
    nodes.addAll(plan.nodeAllocation.keySet());
    Map<String, List<Allocation>> updates = new LinkedHashMap<>();
    Map<String, List<Allocation>> placed = new LinkedHashMap<>();
    boolean rejected = false;
    for (String nodeId : nodes) {
      List<Allocation> allocs = plan.nodeAllocation.getOrDefault(nodeId, List.of());
      if (!allocs.isEmpty() && !fits(view, nodeId, plan.nodeUpdate.getOrDefault(nodeId, List.of()), allocs)) {
        rejected = true;
        continue;
      }
      if (plan.nodeUpdate.containsKey(nodeId)) {
        updates.put(nodeId, plan.nodeUpdate.get(nodeId));
      }
      if (!allocs.isEmpty()) {
        placed.put(nodeId, allocs);
      }
    }
    if (rejected && plan.allAtOnce) {
      updates.clear();
      placed.clear();
    }
    if (updates.isEmpty() && placed.isEmpty() && plan.deployment == null && plan.deploymentUpdates.isEmpty()) {
      return new PlanResult(Map.of(), Map.of(), rejected ? view : null);
    }
    long idx = w.nextIndex();
    if (plan.deployment != null) {
      w.upsertDeployment(idx, merge(view.deployment(plan.deployment.id()), plan.deployment));
    }
    for (DeploymentStatusUpdate u : plan.deploymentUpdates) {
      Deployments.setStatus(w, idx, u);
    }
    long now = GoTime.toUnixNanos(Instant.now());
    List<Allocation> batch = new ArrayList<>();
    Map<String, Allocation> stopped = new LinkedHashMap<>();
    for (List<Allocation> l : updates.values()) {
      for (Allocation a : l) {
        Allocation latest = view.alloc(a.id());
        if (latest == null) {
          continue;
        }
        AllocBuilder b = AllocBuilder.from(latest);
        b.desiredStatus = a.desiredStatus();
        b.desiredDescription = a.desiredDescription();
        if (Allocation.CLIENT_LOST.equals(a.clientStatus())) {
          b.clientStatus = Allocation.CLIENT_LOST;
        }
        b.modifyTime = now;
        Allocation s = b.build();
        stopped.put(s.id(), s);
        batch.add(s);
      }
    }
    for (List<Allocation> l : placed.values()) {
      for (Allocation a : l) {
        batch.add(withClientFields(a.createIndex() == 0 ? null : view.alloc(a.id()), a, now));
        if (a.previousAllocation() != null && !a.previousAllocation().isEmpty()) {
          Allocation prev = stopped.getOrDefault(a.previousAllocation(), view.alloc(a.previousAllocation()));
          if (prev != null) {
            AllocBuilder b = AllocBuilder.from(prev);
            b.nextAllocation = a.id();
            b.modifyTime = now;
            batch.removeIf(x -> x.id().equals(prev.id()));
            batch.add(b.build());
          }
        }
      }
    }
    if (!batch.isEmpty()) {
      w.upsertAllocs(idx, batch, false);
    }
    return new PlanResult(updates, placed, rejected ? w.view() : null);
  }

  /** A server-side write keeps what the client last reported (Nomad's upsertAllocsImpl). */
  private static Allocation withClientFields(Allocation latest, Allocation planned, long now) {
    AllocBuilder b = AllocBuilder.from(planned);
    b.modifyTime = now;
    if (latest != null) {
      b.clientStatus = latest.clientStatus();
      b.clientDescription = latest.clientDescription();
      b.taskStates = latest.taskStates();
      b.createTime = latest.createTime();
      if (planned.deploymentStatus() != null || planned.deploymentId().equals(latest.deploymentId())) {
        b.deploymentStatus = latest.deploymentStatus();
      }
    }
    return b.build();
  }

  /** A deployment already stored keeps its counters; the plan only adds the canaries it placed. */
  private static Deployment merge(Deployment stored, Deployment planned) {
    if (stored == null) {
      return planned;
    }
    Map<String, DeploymentState> groups = new LinkedHashMap<>(stored.taskGroups());
    planned.taskGroups().forEach((g, p) -> {
      DeploymentState s = groups.get(g);
      if (s == null) {
        groups.put(g, p);
        return;
      }
      ReconcileResult.GroupState gs = ReconcileResult.GroupState.of(s);
      for (String id : p.placedCanaries() == null ? List.<String>of() : p.placedCanaries()) {
        if (!gs.placedCanaries.contains(id)) {
          gs.placedCanaries.add(id);
        }
      }
      groups.put(g, gs.build());
    });
    return Deployments.with(stored, Map.copyOf(groups), stored.status(), stored.statusDescription());
  }

  /** Nomad's {@code evaluateNodePlan}: the node is ready and everything proposed fits on it. */
  private static boolean fits(StateSnapshot view, String nodeId, List<Allocation> stops, List<Allocation> allocs) {
    Node node = view.node(nodeId);
    if (node == null || !Node.STATUS_READY.equals(node.status())) {
      return false;
    }
    NodeUsage u = view.usage(nodeId);
    EvalContext.Usage used = new EvalContext.Usage(u.cpu(), u.memoryMB(), u.diskMB(), u.iops(), u.mbits(),
        u.ports());
    Set<String> removed = new HashSet<>();
    for (Allocation s : stops) {
      Allocation existing = view.alloc(s.id());
      if (existing != null && !existing.terminal() && removed.add(s.id())) {
        AllocResources.addTo(used, existing.resources(), -1);
      }
    }
    for (Allocation a : allocs) {
      // A new placement (never committed, so CreateIndex 0) replaces nothing on the node.
      Allocation existing = a.createIndex() == 0 ? null : view.alloc(a.id());
      if (existing != null && !existing.terminal() && removed.add(a.id())) {
        AllocResources.addTo(used, existing.resources(), -1);
      }
    }
    Set<Integer> reservedPorts = new HashSet<>();
    Resources reserved = node.reserved();
    int reservedMbits = 0;
    if (reserved != null) {
      for (NetworkResource n : AllocResources.list(reserved.networks())) {
        reservedMbits += AllocResources.n(n.mbits());
        for (Port p : AllocResources.list(n.reservedPorts())) {
          reservedPorts.add(p.value());
        }
      }
    }
    for (Allocation a : allocs) {
      if (a.terminal() || a.resources() == null) {
        continue;
      }
      for (NetworkResource n : AllocResources.list(a.resources().networks())) {
        for (Port p : AllocResources.list(n.reservedPorts())) {
          if (used.ports.contains(p.value()) || reservedPorts.contains(p.value())) {
            return false;
          }
        }
        for (Port p : AllocResources.list(n.dynamicPorts())) {
          if (used.ports.contains(p.value()) || reservedPorts.contains(p.value())) {
            return false;
          }
        }
      }
      AllocResources.addTo(used, a.resources(), 1);
    }
    Resources total = node.resources();
    int rCpu = reserved == null ? 0 : AllocResources.n(reserved.cpu());
    int rMem = reserved == null ? 0 : AllocResources.n(reserved.memoryMB());
    int rDisk = reserved == null ? 0 : AllocResources.n(reserved.diskMB());
    int rIops = reserved == null ? 0 : AllocResources.n(reserved.iops());
    int netMbits = 0;
    for (NetworkResource n : AllocResources.list(total.networks())) {
      netMbits += AllocResources.n(n.mbits());
    }
    return used.cpu + rCpu <= AllocResources.n(total.cpu()) && used.memoryMB + rMem <= AllocResources.n(total.memoryMB())
        && used.diskMB + rDisk <= AllocResources.n(total.diskMB()) && used.iops + rIops <= AllocResources.n(total.iops())
        && used.mbits + reservedMbits <= netMbits;
  }
}
