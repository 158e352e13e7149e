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

  /** What one allocation of a group asks for in total, computed once per evaluation. */
  record Ask(int cpu, int memoryMB, int diskMB, int iops, int mbits, int networks, List<Integer> reservedPorts) {

    static Ask of(TaskGroup tg) {
      int cpu = 0;
      int mem = 0;
      int iops = 0;
      int mbits = 0;
      int networks = 0;
      List<Integer> reserved = new ArrayList<>();
      for (Task t : tg.tasks()) {
        Resources r = t.resources();
        cpu += n(r.cpu());
        mem += n(r.memoryMB());
        iops += n(r.iops());
        for (NetworkResource net : list(r.networks())) {
          networks++;
          mbits += n(net.mbits());
          for (Port p : list(net.reservedPorts())) {
            reserved.add(p.value());
          }
        }
      }
      int disk = tg.ephemeralDisk() == null ? 0 : n(tg.ephemeralDisk().sizeMB());
      return new Ask(cpu, mem, disk, iops, mbits, networks, List.copyOf(reserved));
    }
  }

  /**
   * The bin-pack score of {@code ask} on the node, or -1 after recording the exhausted dimension:
   * Nomad's network check, then {@code AllocsFit}. Allocates nothing, as it runs for every
   * candidate node; {@link #assign} builds the resources for the one chosen.
   */
  static double score(Node node, Ask ask, EvalContext.Usage used, MetricsBuilder metrics) {
    Resources total = node.resources();
    Resources reserved = node.reserved();
    if (ask.networks() > 0) {
      NetworkResource nodeNet = total.networks() == null || total.networks().isEmpty() ? null : total.networks().get(0);
      if (nodeNet == null) {
        metrics.exhausted(node, "network: no networks available");
        return -1;
      }
      if (used.mbits + reservedMbits(reserved) + ask.mbits() > n(nodeNet.mbits())) {
        metrics.exhausted(node, "network: bandwidth exceeded");
        return -1;
      }
      for (int i = 0; i < ask.reservedPorts().size(); i++) {
        int p = ask.reservedPorts().get(i);
        if (used.ports.contains(p) || reservedPort(reserved, p) || ask.reservedPorts().indexOf(p) != i) {
          metrics.exhausted(node, "network: reserved port collision");
          return -1;
        }
      }
    }
    // AllocsFit starts from the node's reservation, then adds every proposed allocation.
    int usedCpu = n(reserved == null ? null : reserved.cpu()) + used.cpu + ask.cpu();
    int usedMem = n(reserved == null ? null : reserved.memoryMB()) + used.memoryMB + ask.memoryMB();
    int usedDisk = n(reserved == null ? null : reserved.diskMB()) + used.diskMB + ask.diskMB();
    int usedIops = n(reserved == null ? null : reserved.iops()) + used.iops + ask.iops();
    String dim = usedCpu > n(total.cpu()) ? "cpu" : usedMem > n(total.memoryMB()) ? "memory"
        : usedDisk > n(total.diskMB()) ? "disk" : usedIops > n(total.iops()) ? "iops" : null;
    if (dim != null) {
      metrics.exhausted(node, dim);
      return -1;
    }
    return scoreFit(node, usedCpu, usedMem);
  }

  /**
   * The resources {@code tg} gets on a node {@link #score} accepted: the node's device and
   * address, the static ports asked for, dynamic ports drawn from 20000–32000; null if no dynamic
   * port is free.
   */
  static Fit assign(Node node, TaskGroup tg, Ask ask, EvalContext.Usage used, double score) {
    Resources total = node.resources();
    NetworkResource nodeNet = total.networks() == null || total.networks().isEmpty() ? null : total.networks().get(0);
    Set<Integer> taken = new HashSet<>(ask.reservedPorts());
    Resources reserved = node.reserved();
    if (reserved != null) {
      for (NetworkResource n : list(reserved.networks())) {
        for (Port p : list(n.reservedPorts())) {
          taken.add(p.value());
        }
      }
    }
    Map<String, Resources> perTask = new LinkedHashMap<>();
    List<NetworkResource> allNets = new ArrayList<>();
    for (Task t : tg.tasks()) {
      Resources r = t.resources();
      List<NetworkResource> nets = null;
      for (NetworkResource net : list(r.networks())) {
        List<Port> dynamic = null;
        for (Port p : list(net.dynamicPorts())) {
          int port = dynamicPort(used, taken);
          if (port < 0) {
            return null;
          }
          taken.add(port);
          dynamic = add(dynamic, new Port(p.label(), port));
        }
        NetworkResource offer = new NetworkResource(nodeNet.device(), nodeNet.cidr(), nodeNet.ip(), net.mbits(),
            net.reservedPorts(), dynamic);
        nets = nets == null ? new ArrayList<>() : nets;
        nets.add(offer);
        allNets.add(offer);
      }
      perTask.put(t.name(), new Resources(r.cpu(), r.memoryMB(), 0, r.iops(), nets));
    }
    Resources combined = new Resources(ask.cpu(), ask.memoryMB(), ask.diskMB(), ask.iops(),
        allNets.isEmpty() ? null : allNets);
    return new Fit(Map.copyOf(perTask), combined, new Resources(0, 0, ask.diskMB(), 0, null), score);
  }

  private static int reservedMbits(Resources reserved) {
    int mbits = 0;
    if (reserved != null) {
      for (NetworkResource n : list(reserved.networks())) {
        mbits += n(n.mbits());
      }
    }
    return mbits;
  }

  private static boolean reservedPort(Resources reserved, int port) {
    if (reserved != null) {
      for (NetworkResource n : list(reserved.networks())) {
        for (Port p : list(n.reservedPorts())) {
          if (p.value() == port) {
            return true;
          }
        }
      }
    }
    return false;
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
