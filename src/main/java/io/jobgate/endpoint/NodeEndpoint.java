package io.jobgate.endpoint;

import io.jobgate.state.Table;
import io.jobgate.state.WatchKey;
import io.jobgate.structs.Allocation;
import io.jobgate.structs.Node;
import io.jobgate.structs.NodeListStub;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The reads of Nomad's {@code Node} endpoint: list, one node (secret cleared), its allocations. */
public final class NodeEndpoint {

  public Read list(String prefix) {
    return new Read(List.of(WatchKey.table(Table.NODES)), s -> {
      List<NodeListStub> out = new ArrayList<>();
      for (Node n : s.nodesByPrefix(prefix)) {
        out.add(NodeListStub.of(n));
      }
      return Read.Result.of(s.tableIndex(Table.NODES), out);
    });
  }

  /** One node; 404 {@code node not found}. */
  public Read get(String id) {
    return new Read(List.of(WatchKey.id(Table.NODES, id)), s -> {
      Node n = s.node(id);
      return n == null ? Read.Result.missing(s.tableIndex(Table.NODES), "node not found")
          : Read.Result.of(n.modifyIndex(), n.redacted());
    });
  }

  /** Every allocation on the node, in full (Nomad returns whole allocations here). */
  public Read allocations(String id) {
    return new Read(List.of(WatchKey.node(Table.ALLOCS, id)), s -> {
      List<Allocation> allocs = new ArrayList<>(s.allocsByNode(id));
      allocs.sort(Comparator.comparing(Allocation::id));
      List<Allocation> out = new ArrayList<>(allocs.size());
      for (Allocation a : allocs) {
        out.add(AllocEndpoint.full(a));
      }
      return Read.Result.of(s.tableIndex(Table.ALLOCS), out);
    });
  }
}
