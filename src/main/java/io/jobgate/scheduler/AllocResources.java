package io.jobgate.scheduler;

import io.jobgate.structs.NetworkResource;
import io.jobgate.structs.Node;
import io.jobgate.structs.Port;
import io.jobgate.structs.Resources;
import io.jobgate.structs.Task;
import io.jobgate.structs.TaskGroup;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Nomad's resource arithmetic (spec §15.3): does a group fit on a node given what is in use
 * ({@code AllocsFit} plus the network index), which ports it gets, and how well it packs
 * ({@code ScoreFit}). Reports the exhausted dimension with Nomad's names.
 */
final class AllocResources {

  static final int MIN_DYNAMIC_PORT = 20000;
  static final int MAX_DYNAMIC_PORT = 32000;
  /** Nomad draws dynamic ports at random this many times before scanning for a free one. */
  private static final int RANDOM_PORT_ATTEMPTS = 20;

  private AllocResources() {
  }

  /** A group's resources on a node: per task, combined, and the bin-pack score. */
  record Fit(Map<String, Resources> taskResources, Resources combined, Resources shared, double score) {
  }

  /** The fit, or null after recording the exhausted dimension in {@code metrics}. */
  static Fit fit(Node node, TaskGroup tg, EvalContext.Usage used, MetricsBuilder metrics) {
    Resources total = node.resources();
    Resources reserved = node.reserved();
    NetworkResource nodeNet = total.networks() == null || total.networks().isEmpty() ? null : total.networks().get(0);
    Set<Integer> taken = new HashSet<>();
    int reservedMbits = 0;
    if (reserved != null && reserved.networks() != null) {
      for (NetworkResource n : reserved.networks()) {
        reservedMbits += n(n.mbits());
        for (Port p : list(n.reservedPorts())) {
          taken.add(p.value());
        }
      }
    }
    int askMbits = 0;
    int cpu = 0;
    int mem = 0;
    int iops = 0;
    Map<String, Resources> perTask = new LinkedHashMap<>();
    List<NetworkResource> allNets = new ArrayList<>();
    for (Task t : tg.tasks()) {
      Resources r = t.resources();
      cpu += n(r.cpu());
      mem += n(r.memoryMB());
      iops += n(r.iops());
      List<NetworkResource> nets = null;
      if (r.networks() != null && !r.networks().isEmpty()) {
        nets = new ArrayList<>();
        for (NetworkResource ask : r.networks()) {
          if (nodeNet == null) {
            metrics.exhausted(node, "network: no networks available");
            return null;
          }
          if (used.mbits + reservedMbits + askMbits + n(ask.mbits()) > n(nodeNet.mbits())) {
            metrics.exhausted(node, "network: bandwidth exceeded");
            return null;
          }
          List<Port> reservedPorts = null;
          for (Port p : list(ask.reservedPorts())) {
            if (used.ports.contains(p.value()) || !taken.add(p.value())) {
              metrics.exhausted(node, "network: reserved port collision");
              return null;
            }
            reservedPorts = add(reservedPorts, p);
          }
          List<Port> dynamic = null;
          for (Port p : list(ask.dynamicPorts())) {
            int port = dynamicPort(used, taken);
            if (port < 0) {
              metrics.exhausted(node, "network: dynamic port selection failed");
              return null;
            }
            taken.add(port);
            dynamic = add(dynamic, new Port(p.label(), port));
          }
          askMbits += n(ask.mbits());
          NetworkResource offer = new NetworkResource(nodeNet.device(), nodeNet.cidr(), nodeNet.ip(), ask.mbits(),
              reservedPorts, dynamic);
          nets.add(offer);
          allNets.add(offer);
        }
      }
      perTask.put(t.name(), new Resources(r.cpu(), r.memoryMB(), 0, r.iops(), nets));
    }
    int disk = tg.ephemeralDisk() == null ? 0 : n(tg.ephemeralDisk().sizeMB());
    // AllocsFit starts from the node's reservation, then adds every proposed allocation.
    int usedCpu = n(reserved == null ? null : reserved.cpu()) + used.cpu + cpu;
    int usedMem = n(reserved == null ? null : reserved.memoryMB()) + used.memoryMB + mem;
    int usedDisk = n(reserved == null ? null : reserved.diskMB()) + used.diskMB + disk;
    int usedIops = n(reserved == null ? null : reserved.iops()) + used.iops + iops;
    String dim = usedCpu > n(total.cpu()) ? "cpu" : usedMem > n(total.memoryMB()) ? "memory"
        : usedDisk > n(total.diskMB()) ? "disk" : usedIops > n(total.iops()) ? "iops" : null;
    if (dim != null) {
      metrics.exhausted(node, dim);
      return null;
    }
    double score = scoreFit(node, usedCpu, usedMem);
    Resources combined = new Resources(cpu, mem, disk, iops, allNets.isEmpty() ? null : allNets);
    return new Fit(perTask, combined, new Resources(0, 0, disk, 0, null), score);
  }

  /**
   * Nomad's {@code ScoreFit}: 20 − (10^freeCpu + 10^freeMem), clamped to [0, 18]. Like Nomad, the
   * utilisation includes the node's reservation while capacity excludes it.
   */
  static double scoreFit(Node node, int utilCpu, int utilMem) {
    Resources reserved = node.reserved();
    double nodeCpu = n(node.resources().cpu()) - n(reserved == null ? null : reserved.cpu());
    double nodeMem = n(node.resources().memoryMB()) - n(reserved == null ? null : reserved.memoryMB());
    double freeCpu = 1 - utilCpu / nodeCpu;
    double freeMem = 1 - utilMem / nodeMem;
    double score = 20.0 - (Math.pow(10, freeCpu) + Math.pow(10, freeMem));
    return Math.max(0, Math.min(18.0, score));
  }

  private static int dynamicPort(EvalContext.Usage used, Set<Integer> taken) {
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    for (int i = 0; i < RANDOM_PORT_ATTEMPTS; i++) {
      int p = MIN_DYNAMIC_PORT + rnd.nextInt(MAX_DYNAMIC_PORT - MIN_DYNAMIC_PORT);
      if (!used.ports.contains(p) && !taken.contains(p)) {
        return p;
      }
    }
    for (int p = MIN_DYNAMIC_PORT; p < MAX_DYNAMIC_PORT; p++) {
      if (!used.ports.contains(p) && !taken.contains(p)) {
        return p;
      }
    }
    return -1;
  }

  /** Adds ({@code sign} 1) or removes (-1) an allocation's resources from a usage tally. */
  static void addTo(EvalContext.Usage u, Resources r, int sign) {
    if (r == null) {
      return;
    }
    u.cpu += sign * n(r.cpu());
    u.memoryMB += sign * n(r.memoryMB());
    u.diskMB += sign * n(r.diskMB());
    u.iops += sign * n(r.iops());
    for (NetworkResource net : list(r.networks())) {
      u.mbits += sign * n(net.mbits());
      for (Port p : list(net.reservedPorts())) {
        u.ports = sign > 0 ? u.ports.plus(p.value()) : u.ports.minus(p.value());
      }
      for (Port p : list(net.dynamicPorts())) {
        u.ports = sign > 0 ? u.ports.plus(p.value()) : u.ports.minus(p.value());
      }
    }
  }

  static int n(Integer i) {
    return i == null ? 0 : i;
  }

  static <T> List<T> list(List<T> l) {
    return l == null ? List.of() : l;
  }

  private static List<Port> add(List<Port> l, Port p) {
    List<Port> out = l == null ? new ArrayList<>() : l;
    out.add(p);
    return out;
  }
}
