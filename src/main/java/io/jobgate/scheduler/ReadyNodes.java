package io.jobgate.scheduler;

import io.jobgate.state.StateSnapshot;
import io.jobgate.structs.Node;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The ready, eligible nodes of a set of datacenters, in a random order, with Nomad's per-datacenter
 * counts ({@code NodesAvailable}). Nomad shuffles the node list for every evaluation; here the
 * shuffled list is kept until the nodes table changes and each evaluation starts its walk at a
 * random point of it, which spreads placements the same way without copying thousands of nodes
 * per evaluation.
 */
record ReadyNodes(Object nodesVersion, List<String> datacenters, List<Node> shuffled, Map<String, Integer> byDc) {

  /** The last answer; immutable, so scheduler threads share it through one volatile read. */
  private static volatile ReadyNodes last;

  static ReadyNodes of(StateSnapshot state, List<String> datacenters) {
    Object version = state.nodesVersion();
    ReadyNodes cached = last;
    if (cached != null && cached.nodesVersion == version && cached.datacenters.equals(datacenters)) {
      return cached;
    }
    Set<String> dcs = new HashSet<>(datacenters);
    Map<String, Integer> byDc = new TreeMap<>();
    for (String dc : dcs) {
      byDc.put(dc, 0);
    }
    List<Node> out = new ArrayList<>();
    for (Node n : state.allNodes()) {
      if (n.schedulable() && dcs.contains(n.datacenter())) {
        out.add(n);
        byDc.merge(n.datacenter(), 1, Integer::sum);
      }
    }
    Collections.shuffle(out);
    ReadyNodes fresh = new ReadyNodes(version, List.copyOf(datacenters), List.copyOf(out), Map.copyOf(byDc));
    last = fresh;
    return fresh;
  }
}
