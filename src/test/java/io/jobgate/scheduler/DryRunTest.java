package io.jobgate.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobgate.config.FleetConfig;
import io.jobgate.fleet.Fleet;
import io.jobgate.state.StateSnapshot;
import io.jobgate.state.StateStore;
import io.jobgate.structs.DesiredUpdates;
import io.jobgate.structs.EvalBuilder;
import io.jobgate.structs.Evaluation;
import io.jobgate.structs.Job;
import io.jobgate.structs.JobCanonicalizer;
import io.jobgate.structs.Json;
import io.jobgate.structs.TimeScale;
import io.jobgate.support.Jobs;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduler entry point on its own, as a plan dry run uses it: a snapshot, an annotated eval
 * and a {@link RecordingPlanner}; nothing reaches the store.
 */
class DryRunTest {

  private Vertx vertx;
  private StateStore store;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    store = new StateStore(vertx);
    new Fleet(vertx, store, FleetConfig.defaults(), "dc1").start().toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** The job as the store would hold it, registered at index 100 of an in-memory copy. */
  private static Job stored(String body) throws Exception {
    Job submitted = Json.MAPPER.readTree(body).get("Job").traverse(Json.MAPPER).readValueAs(Job.class);
    return JobCanonicalizer.canonicalize(submitted).committed(0, 100, 100, Job.STATUS_PENDING, false);
  }

  private static Evaluation annotated(Job job) {
    EvalBuilder b = EvalBuilder.from(Evaluation.pending("dry-run", job.namespace(), job.priority(), job.type(),
        Evaluation.TRIGGER_JOB_REGISTER, job.id(), job.jobModifyIndex()));
    b.annotatePlan = true;
    return b.build();
  }

  private StateSnapshot withJob(Job job) throws Exception {
    // The test writes into a scratch store; a dry run would use an in-memory copy the same way.
    return store.write(w -> {
      w.upsertJob(w.nextIndex(), job, false);
      return w.view();
    }).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void annotatedEvalReportsDesiredUpdatesAndCommitsNothing() throws Exception {
    Job job = stored(Jobs.example("dry", 3));
    StateSnapshot snapshot = withJob(job);
    long before = store.snapshot().index();
    RecordingPlanner planner = new RecordingPlanner();
    Outcome out = Scheduler.forType(Job.TYPE_SERVICE, TimeScale.REAL).process(snapshot, annotated(job), planner);
    assertEquals(new DesiredUpdates(0, 3, 0, 0, 0, 0, 0), out.desiredTGUpdates().get("cache"));
    assertNull(out.failedTGAllocs());
    assertEquals(Evaluation.STATUS_COMPLETE, out.eval().status());
    assertEquals(1, planner.plans().size());
    assertEquals(3, planner.plans().get(0).nodeAllocation().values().stream().mapToInt(java.util.List::size).sum());
    assertEquals(out.desiredTGUpdates(), planner.plans().get(0).desiredTGUpdates());
    assertTrue(planner.createdEvals().isEmpty());
    assertEquals(before, store.snapshot().index(), "a dry run writes nothing");
  }

  @Test
  void dryRunOfAJobTooBigReportsFailuresAndTheBlockedEvalItWouldFile() throws Exception {
    Job job = stored(Jobs.example("huge", 1).replace("\"CPU\": 500", "\"CPU\": 9000"));
    RecordingPlanner planner = new RecordingPlanner();
    Outcome out = Scheduler.forType(Job.TYPE_SERVICE, TimeScale.REAL).process(withJob(job), annotated(job), planner);
    assertEquals(3, out.failedTGAllocs().get("cache").dimensionExhausted().get("cpu"));
    assertEquals(1, planner.createdEvals().size());
    Evaluation blocked = planner.createdEvals().get(0);
    assertEquals(Evaluation.STATUS_BLOCKED, blocked.status());
    assertEquals("dry-run", blocked.previousEval());
    assertEquals(new DesiredUpdates(0, 1, 0, 0, 0, 0, 0), out.desiredTGUpdates().get("cache"));
  }
}
