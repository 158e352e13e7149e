package io.jobgate.state;

import io.jobgate.structs.Allocation;
import io.jobgate.structs.NetworkResource;
import io.jobgate.structs.Port;
import io.jobgate.structs.Resources;
import java.util.List;
import org.pcollections.HashTreePSet;
import org.pcollections.PSet;

/**
 * What the non-terminal allocations on one node use, kept up to date by every alloc write so a
 * scheduler can check a node's room in O(1) instead of summing its allocations (spec §15.3). Only
 * allocations whose resources count for Nomad's {@code AllocsFit} are included: not told to stop,
 * not finished on the client.
 */
public record NodeUsage(int cpu, int memoryMB, int diskMB, int iops, int mbits, PSet<Integer> ports, int allocs) {

  public static final NodeUsage EMPTY = new NodeUsage(0, 0, 0, 0, 0, HashTreePSet.empty(), 0);

  NodeUsage plus(Allocation a) {
    return add(a.resources(), 1);
  }

  NodeUsage minus(Allocation a) {
    return add(a.resources(), -1);
  }

  private NodeUsage add(Resources r, int sign) {
    if (r == null) {
      return new NodeUsage(cpu, memoryMB, diskMB, iops, mbits, ports, allocs + sign);
    }
    int bw = 0;
    PSet<Integer> p = ports;
    for (NetworkResource n : list(r.networks())) {
      bw += n.mbits() == null ? 0 : n.mbits();
      for (Port port : list(n.reservedPorts())) {
        p = sign > 0 ? p.plus(port.value()) : p.minus(port.value());
      }
      for (Port port : list(n.dynamicPorts())) {
        p = sign > 0 ? p.plus(port.value()) : p.minus(port.value());
      }
    }
    return new NodeUsage(cpu + sign * n(r.cpu()), memoryMB + sign * n(r.memoryMB()), diskMB + sign * n(r.diskMB()),
        iops + sign * n(r.iops()), mbits + sign * bw, p, allocs + sign);
  }

  private static int n(Integer i) {
    return i == null ? 0 : i;
  }

  private static <T> List<T> list(List<T> l) {
    return l == null ? List.of() : l;
  }
}
