import io.jobgate.acl.Acl;
import io.jobgate.endpoint.CountingPlanScheduler;
import io.jobgate.endpoint.JobEndpoint;
import io.jobgate.endpoint.JobRegisterRequest;
import io.jobgate.persist.DurableState;
import io.jobgate.state.JobKey;
import io.jobgate.state.StateSnapshot;
import io.jobgate.state.StateStore;
import io.jobgate.structs.Allocation;
import io.jobgate.structs.Evaluation;
import io.jobgate.structs.Job;
import io.jobgate.structs.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fills a data dir for the restart benchmark: N service jobs registered through the real endpoint
 * (job, version, summary, eval), each updated once (a second version), then one running
 * allocation per job and its evaluation completed, as the scheduler and a client would.
 *
 * Run: bench/durability.sh (java -cp target/classes:DEPS bench/FillStore.java DIR N)
 */
public final class FillStore {

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    Vertx vertx = Vertx.vertx();
    try (DurableState d = DurableState.open(dir)) {
      StateStore store = new StateStore(vertx, d.restored(), d.journal());
      JobEndpoint jobs = new JobEndpoint(store, new CountingPlanScheduler());
      for (int version = 1; version <= 2; version++) {
        for (int from = 0; from < n; from += 1000) {
          List<Future<?>> inFlight = new ArrayList<>();
          for (int i = from; i < Math.min(n, from + 1000); i++) {
            inFlight.add(jobs.register(Json.MAPPER.readValue(DurableLoadJob.body("job-" + i, version),
                JobRegisterRequest.class), () -> Acl.MANAGEMENT));
          }
          Future.all(inFlight).toCompletionStage().toCompletableFuture().get();
        }
      }
      for (int from = 0; from < n; from += 1000) {
        int start = from;
        store.write(w -> {
          StateSnapshot s = w.view();
          long idx = w.nextIndex();
          List<Allocation> allocs = new ArrayList<>();
          List<Evaluation> evals = new ArrayList<>();
          for (int i = start; i < Math.min(n, start + 1000); i++) {
            JobKey key = new JobKey("default", "job-" + i);
            Job job = s.job(key);
            for (Evaluation e : s.evalsByJob(key)) {
              evals.add(new Evaluation(e.id(), e.namespace(), e.priority(), e.type(), e.triggeredBy(), e.jobId(),
                  e.jobModifyIndex(), "", 0, "", Evaluation.STATUS_COMPLETE, "", 0, e.waitUntil(), "", "", "",
                  null, null, "", false, false, Map.of("cache", 0), "", idx, e.createIndex(), idx));
            }
            allocs.add(new Allocation("alloc-" + i, "default", evals.get(evals.size() - 1).id(), "job-" + i
                + ".cache[0]", "node-" + (i % 100), job.id(), job, "cache", null, null, Map.of(), null,
                Allocation.DESIRED_RUN, "", null, Allocation.CLIENT_RUNNING, "", Map.of(), "", "", "", null, null, "",
                0, 0, 0, System.nanoTime(), System.nanoTime()));
          }
          w.upsertEvals(idx, evals);
          w.upsertAllocs(idx, allocs, false);
          return null;
        }).toCompletionStage().toCompletableFuture().get();
      }
      StateSnapshot s = store.snapshot();
      System.out.printf("filled %s: %d jobs, %d evals, %d allocs, index %d%n", dir, s.jobCount(), s.evalCount(),
          s.allocCount(), s.index());
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
  }

  /** The benchmark's job body, with a version-dependent image so an update makes a new version. */
  static final class DurableLoadJob {
    static String body(String id, int version) {
      return """
          {"Job": {"ID": "%s", "Name": "%s", "Datacenters": ["dc1"],
            "TaskGroups": [{"Name": "cache", "Count": 1,
              "Tasks": [{"Name": "redis", "Driver": "docker", "Config": {"image": "redis:3.%d"},
                "Resources": {"CPU": 500, "MemoryMB": 256,
                  "Networks": [{"MBits": 10, "DynamicPorts": [{"Label": "db", "Value": 0}]}]}}]}]}}"""
          .formatted(id, id, version);
    }
  }
}
