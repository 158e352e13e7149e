package io.jobgate.endpoint;

import io.jobgate.state.Table;
import io.jobgate.state.WatchKey;
import io.jobgate.structs.AllocListStub;
import io.jobgate.structs.Allocation;
import io.jobgate.structs.Evaluation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The reads of Nomad's {@code Eval} endpoint: list, one evaluation, its allocations. */
public final class EvalEndpoint {

  /** The namespace's evaluations whose ID starts with {@code prefix}. */
  public Read list(String namespace, String prefix) {
    return new Read(List.of(WatchKey.table(Table.EVALS)), s -> Read.Result.of(s.tableIndex(Table.EVALS),
        s.evalsByPrefix(prefix).stream().filter(e -> namespace.equals(e.namespace())).toList()));
  }

  /** One evaluation; 404 {@code eval not found}. */
  public Read get(String id) {
    return new Read(List.of(WatchKey.id(Table.EVALS, id)), s -> {
      Evaluation e = s.eval(id);
      return e == null ? Read.Result.missing(s.tableIndex(Table.EVALS), "eval not found")
          : Read.Result.of(e.modifyIndex(), e);
    });
  }

  /** The allocations an evaluation placed or updated, as stubs; index is the allocs table's. */
  public Read allocations(String id) {
    return new Read(List.of(WatchKey.eval(Table.ALLOCS, id)), s -> {
      List<Allocation> allocs = new ArrayList<>(s.allocsByEval(id));
      allocs.sort(Comparator.comparing(Allocation::id));
      List<AllocListStub> out = new ArrayList<>(allocs.size());
      for (Allocation a : allocs) {
        out.add(AllocEndpoint.stub(a));
      }
      return Read.Result.of(s.tableIndex(Table.ALLOCS), out);
    });
  }
}
