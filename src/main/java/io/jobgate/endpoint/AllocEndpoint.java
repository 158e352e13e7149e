package io.jobgate.endpoint;

import io.jobgate.state.Table;
import io.jobgate.state.WatchKey;
import io.jobgate.structs.AllocBuilder;
import io.jobgate.structs.AllocListStub;
import io.jobgate.structs.Allocation;
import java.util.ArrayList;
import java.util.List;

/** The reads of Nomad's {@code Alloc} endpoint: {@code /v1/allocations} and {@code /v1/allocation/:id}. */
public final class AllocEndpoint {

  /** The namespace's allocations whose ID starts with {@code prefix}, as stubs; index is the allocs table's. */
  public Read list(String namespace, String prefix) {
    return new Read(List.of(WatchKey.table(Table.ALLOCS)), s -> {
      List<AllocListStub> out = new ArrayList<>();
      for (Allocation a : s.allocsByPrefix(prefix)) {
        if (namespace.equals(a.namespace())) {
          out.add(stub(a));
        }
      }
      return Read.Result.of(s.tableIndex(Table.ALLOCS), out);
    });
  }

  /** One allocation in full, with display messages; 404 {@code alloc not found}. */
  public Read get(String id) {
    return new Read(List.of(WatchKey.id(Table.ALLOCS, id)), s -> {
      Allocation a = s.alloc(id);
      if (a == null) {
        return Read.Result.missing(s.tableIndex(Table.ALLOCS), "alloc not found");
      }
      return Read.Result.of(a.modifyIndex(), full(a));
    });
  }

  static AllocListStub stub(Allocation a) {
    return AllocListStub.of(a, TaskEvents.withDisplayMessages(a.taskStates()));
  }

  static Allocation full(Allocation a) {
    AllocBuilder b = AllocBuilder.from(a);
    b.taskStates = TaskEvents.withDisplayMessages(a.taskStates());
    return b.build();
  }
}
