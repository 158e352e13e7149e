package io.jobgate.persist;

import static io.jobgate.persist.Fixtures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobgate.config.GcConfig;
import io.jobgate.state.JobKey;
import io.jobgate.state.StateSnapshot;
import io.jobgate.state.StateStore;
import io.jobgate.structs.Allocation;
import io.jobgate.structs.Evaluation;
import io.jobgate.structs.Job;
import io.jobgate.support.Jobs;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Garbage collection as Nomad 0.8's core scheduler does it (spec §13.1). */
class GarbageCollectorTest {

  private final Vertx vertx = Vertx.vertx();
  private final StateStore store = new StateStore(vertx);
  private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
  private final GarbageCollector gc = new GarbageCollector(vertx, store, GcConfig.defaults(), new TimeTable(),
      clock::get);

  @AfterEach
  void close() {
    await(vertx.close());
  }

  /** What the scheduler and a client would do: the job's evals complete, one alloc that ran and finished. */
  private void runToCompletion(String id) {
    await(store.write(w -> {
      StateSnapshot s = w.view();
      JobKey key = new JobKey("default", id);
      Job job = s.job(key);
      long idx = w.nextIndex();
      List<Evaluation> done = new ArrayList<>();
      for (Evaluation e : s.evalsByJob(key)) {
        done.add(new Evaluation(e.id(), e.namespace(), e.priority(), e.type(), e.triggeredBy(), e.jobId(),
            e.jobModifyIndex(), e.nodeId(), e.nodeModifyIndex(), e.deploymentId(), Evaluation.STATUS_COMPLETE, "",
            e.waitNanos(), e.waitUntil(), e.nextEval(), e.previousEval(), e.blockedEval(), null, null, "", false,
            false, null, "", idx, e.createIndex(), idx));
        w.upsertAllocs(idx, List.of(Fixtures.alloc(e.id() + "-alloc", e.id(), job, Allocation.CLIENT_COMPLETE,
            Allocation.DESIRED_RUN)), false);
      }
      w.upsertEvals(idx, done);
      return null;
    }));
  }

  @Test
  void manyJobLifecyclesKeepTheStoreBounded() {
    for (int i = 0; i < 400; i++) {
      Fixtures.register(store, Jobs.batch("batch-" + i));
      runToCompletion("batch-" + i);
      assertEquals(Job.STATUS_DEAD, store.snapshot().job(new JobKey("default", "batch-" + i)).status());
      if (i % 50 == 49) {
        await(gc.collect(true));
        StateSnapshot s = store.snapshot();
        assertEquals(0, s.jobCount());
        assertEquals(0, s.evalCount());
        assertEquals(0, s.allocCount());
      }
    }
  }

  @Test
  void garbageWaitsForItsThresholdUnlessForced() {
    Fixtures.register(store, Jobs.batch("old"));
    runToCompletion("old");
    assertEquals(GarbageCollector.Collected.NONE, await(gc.collect(false)), "nothing is an hour old yet");

    clock.addAndGet(Duration.ofHours(2).toMillis());
    GarbageCollector.Collected c = await(gc.collect(false));
    assertEquals(new GarbageCollector.Collected(0, 0, 0, 0), c,
        "a batch job's evals wait for the job pass, and the job for its 4 h threshold");

    clock.addAndGet(Duration.ofHours(3).toMillis());
    assertEquals(new GarbageCollector.Collected(1, 1, 1, 0), await(gc.collect(false)));
    assertNull(store.snapshot().job(new JobKey("default", "old")));
  }

  @Test
  void liveJobsStayWhileStoppedOnesGo() {
    Fixtures.register(store, Jobs.example("running"));
    Fixtures.register(store, Jobs.example("stopped"));
    runToCompletion("stopped");
    await(Fixtures.jobs(store).deregister("default", "stopped", false));
    runToCompletion("stopped");
    Fixtures.register(store, Jobs.example("finished-service"));
    runToCompletion("finished-service");

    GarbageCollector.Collected c = await(gc.collect(true));
    StateSnapshot s = store.snapshot();
    assertNotNull(s.job(new JobKey("default", "running")), "pending evals keep a job");
    assertNull(s.job(new JobKey("default", "stopped")));
    assertNotNull(s.job(new JobKey("default", "finished-service")), "a dead service job stays until stopped");
    assertTrue(s.evalsByJob(new JobKey("default", "finished-service")).isEmpty(),
        "but its terminal evals and allocs go");
    assertEquals(1, c.jobs());
  }
}
