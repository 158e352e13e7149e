package io.jobgate.endpoint;

import io.jobgate.scheduler.Deployments;
import io.jobgate.state.JobKey;
import io.jobgate.state.StateStore;
import io.jobgate.state.Table;
import io.jobgate.state.WatchKey;
import io.jobgate.structs.AllocListStub;
import io.jobgate.structs.Allocation;
import io.jobgate.structs.Deployment;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** Nomad's {@code Deployment} endpoint: reads, promotion and manual failure (spec §14). */
public final class DeploymentEndpoint {

  private final StateStore store;

  public DeploymentEndpoint(StateStore store) {
    this.store = store;
  }

  /** The namespace's deployments whose ID starts with {@code prefix}. */
  public Read list(String namespace, String prefix) {
    return new Read(List.of(WatchKey.table(Table.DEPLOYMENT)), s -> Read.Result.of(s.tableIndex(Table.DEPLOYMENT),
        s.deploymentsByPrefix(prefix).stream().filter(d -> namespace.equals(d.namespace())).toList()));
  }

  /** One deployment; 404 {@code deployment not found}. */
  public Read get(String id) {
    return new Read(List.of(WatchKey.id(Table.DEPLOYMENT, id)), s -> {
      Deployment d = s.deployment(id);
      return d == null ? Read.Result.missing(s.tableIndex(Table.DEPLOYMENT), "deployment not found")
          : Read.Result.of(d.modifyIndex(), d);
    });
  }

  /** The deployment's allocations as stubs; watches its job's allocations. */
  public Read allocations(String id) {
    Deployment known = store.snapshot().deployment(id);
    WatchKey watch = known == null ? WatchKey.table(Table.ALLOCS)
        : WatchKey.job(Table.ALLOCS, new JobKey(known.namespace(), known.jobId()));
    return new Read(List.of(watch), s -> {
      Deployment d = s.deployment(id);
      List<AllocListStub> out = new ArrayList<>();
      if (d != null) {
        List<Allocation> allocs = new ArrayList<>(s.allocsByJob(new JobKey(d.namespace(), d.jobId())));
        allocs.sort(Comparator.comparing(Allocation::id));
        for (Allocation a : allocs) {
          if (id.equals(a.deploymentId())) {
            out.add(AllocEndpoint.stub(a));
          }
        }
      }
      return Read.Result.of(s.tableIndex(Table.ALLOCS), out);
    });
  }

  public Future<DeploymentUpdateResponse> promote(String id, boolean all, Set<String> groups) {
    return store.write(w -> refusable(() -> Deployments.promote(w, id, all, groups)));
  }

  public Future<DeploymentUpdateResponse> fail(String id) {
    return store.write(w -> refusable(() -> Deployments.failByUser(w, id)));
  }

  private static DeploymentUpdateResponse refusable(java.util.function.Supplier<Deployments.Update> op) {
    try {
      Deployments.Update u = op.get();
      return new DeploymentUpdateResponse(u.evalId(), u.evalCreateIndex(), u.deploymentModifyIndex(),
          u.revertedJobVersion(), u.index());
    } catch (Deployments.Refused e) {
      throw EndpointException.invalid(e.getMessage());
    }
  }
}
