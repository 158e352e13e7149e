package io.jobgate.persist;

import io.jobgate.acl.Acl;
import io.jobgate.endpoint.CountingPlanScheduler;
import io.jobgate.endpoint.JobEndpoint;
import io.jobgate.endpoint.JobRegisterRequest;
import io.jobgate.state.JobKey;
import io.jobgate.state.RowChange;
import io.jobgate.state.SnapshotRows;
import io.jobgate.state.StateSnapshot;
import io.jobgate.state.StateStore;
import io.jobgate.state.Table;
import io.jobgate.structs.AclPolicy;
import io.jobgate.structs.AclToken;
import io.jobgate.structs.Allocation;
import io.jobgate.structs.Deployment;
import io.jobgate.structs.Evaluation;
import io.jobgate.structs.GoTime;
import io.jobgate.structs.Job;
import io.jobgate.structs.Json;
import io.jobgate.structs.Namespace;
import io.jobgate.support.Jobs;
import io.vertx.core.Future;
import java.time.Instant;
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

  /** The job endpoint as the agent builds it, for writes a test makes as a management caller. */
  static JobEndpoint jobs(StateStore store) {
    return new JobEndpoint(store, new CountingPlanScheduler());
  }

  static void register(StateStore store, String body) {
    try {
      await(jobs(store).register(Json.MAPPER.readValue(body, JobRegisterRequest.class), () -> Acl.MANAGEMENT));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A bit of every table: versions, a stopped job, pending and blocked evals, an alloc, a
   * deployment, a periodic launch, ACL policy, tokens, bootstrap mark and a namespace.
   */
  static void populate(StateStore store) {
    register(store, Jobs.example("web"));
    register(store, Jobs.example("web", 3));
    register(store, Jobs.batch("nightly"));
    register(store, Jobs.example("gone"));
    await(jobs(store).deregister("default", "gone", false));
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
      w.upsertPeriodicLaunch(idx, "default", "nightly", Instant.parse("2024-05-01T02:00:00Z"));
      w.acl().upsertPolicy(idx, new AclPolicy("readonly", "read jobs", "namespace \"default\" { policy = \"read\" }",
          0, 0));
      w.acl().bootstrap(idx, new AclToken("accessor-1", "secret-1", "Bootstrap Token", AclToken.TYPE_MANAGEMENT,
          List.of(), true, Instant.parse("2024-05-01T00:00:00Z"), 0, 0));
      w.acl().upsertToken(idx, new AclToken("accessor-2", "secret-2", "reader", AclToken.TYPE_CLIENT,
          List.of("readonly"), false, Instant.parse("2024-05-01T00:00:00Z"), 0, 0));
      w.acl().upsertNamespace(idx, new Namespace("team-a", "a team", 0, 0));
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
