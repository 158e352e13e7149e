package io.jobgate.persist;

import io.jobgate.endpoint.JobEndpoint;
import io.jobgate.endpoint.JobRegisterRequest;
import io.jobgate.state.JobKey;
import io.jobgate.state.RowChange;
import io.jobgate.state.SnapshotRows;
import io.jobgate.state.StateSnapshot;
import io.jobgate.state.StateStore;
import io.jobgate.state.Table;
import io.jobgate.structs.Allocation;
import io.jobgate.structs.Deployment;
import io.jobgate.structs.Evaluation;
import io.jobgate.structs.GoTime;
import io.jobgate.structs.Job;
import io.jobgate.structs.Json;
import io.jobgate.support.Jobs;
import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Stores filled the way the agent fills them, and a way to compare two stores row by row. */
final class Fixtures {

  private Fixtures() {
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static void register(StateStore store, String body) {
    try {
      await(new JobEndpoint(store).register(Json.MAPPER.readValue(body, JobRegisterRequest.class)));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A bit of everything: versions, a stopped job, pending, blocked and complete evals, allocs, a deployment. */
  static void populate(StateStore store) {
    register(store, Jobs.example("web"));
    register(store, Jobs.example("web", 3));
    register(store, Jobs.batch("nightly"));
    register(store, Jobs.example("gone"));
    await(new JobEndpoint(store).deregister("default", "gone", false));
    Job web = store.snapshot().job(new JobKey("default", "web"));
    await(store.write(w -> {
      long idx = w.nextIndex();
      Evaluation blocked = Evaluation.pending("blocked-1", "default", 50, "service", "queued-allocs", "web", 0);
      w.upsertEvals(idx, List.of(new Evaluation(blocked.id(), "default", 50, "service", "queued-allocs", "web",
          0, "", 0, "", Evaluation.STATUS_BLOCKED, "created to place remaining allocations", 0, GoTime.ZERO, "",
          "", "", null, Map.of("v1:1", true), "", false, false, null, "", 0, 0, 0)));
      w.upsertAllocs(idx, List.of(alloc("alloc-1", "blocked-1", web, Allocation.CLIENT_RUNNING, Allocation.DESIRED_RUN)),
          false);
      w.upsertDeployment(idx, new Deployment("dep-1", "default", "web", 1, web.jobModifyIndex(),
          web.jobModifyIndex(), web.createIndex(), Map.of(), Deployment.STATUS_RUNNING, "Deployment is running", 0, 0));
      return null;
    }));
  }

  static Allocation alloc(String id, String evalId, Job job, String clientStatus, String desiredStatus) {
    return new Allocation(id, job.namespace(), evalId, job.id() + ".cache[0]", "node-1", job.id(), job, "cache",
        null, null, Map.of(), null, desiredStatus, "", null, clientStatus, "", Map.of(), "", "", "", null, null, "",
        0, 0, 0, 1, 1);
  }

  /** Every row of a snapshot, keyed "table/key". */
  static Map<String, Object> rows(StateSnapshot s) {
    Map<String, Object> out = new LinkedHashMap<>();
    SnapshotRows.forEach(s, (RowChange r) -> out.put(r.table().wireName() + "/" + r.key(), r.value()));
    return out;
  }

  static Map<Table, Long> tableIndexes(StateSnapshot s) {
    Map<Table, Long> out = new LinkedHashMap<>();
    for (Table t : Table.values()) {
      out.put(t, s.tableIndex(t));
    }
    return out;
  }
}
