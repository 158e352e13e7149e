package io.jobgate.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobgate.state.StateStore;
import io.jobgate.structs.Allocation;
import io.jobgate.structs.DesiredUpdates;
import io.jobgate.structs.Job;
import io.jobgate.structs.JobCanonicalizer;
import io.jobgate.structs.Json;
import io.jobgate.support.Allocs;
import io.jobgate.support.Jobs;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The counts-only plan scheduler, through the plan algorithm, against jobs with allocations. */
class CountingPlanSchedulerTest {

  private Vertx vertx;
  private StateStore store;
  private final PlanScheduler scheduler = new CountingPlanScheduler();

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    store = new StateStore(vertx);
  }

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** The example service job (group cache, task redis) with {@code count}, changed by {@code edit}. */
  private static ObjectNode example(String id, int count, Consumer<ObjectNode> edit) throws Exception {
    ObjectNode job = (ObjectNode) Json.MAPPER.readTree(Jobs.example(id, count)).get("Job");
    edit.accept(job);
    return job;
  }

  private static ObjectNode group(ObjectNode job) {
    return (ObjectNode) job.get("TaskGroups").get(0);
  }

  private static ObjectNode task(ObjectNode job) {
    return (ObjectNode) group(job).get("Tasks").get(0);
  }

  private static Job parse(ObjectNode job) throws Exception {
    return Json.MAPPER.treeToValue(job, Job.class);
  }

  /** Registers {@code job} and gives it {@code allocs} allocations with the given client status. */
  private Job registerWithAllocs(ObjectNode job, int allocs, String clientStatus) throws Exception {
    Job canonical = JobCanonicalizer.canonicalize(parse(job)).withSubmitTime(1);
    return store.write(w -> {
      Job stored = w.upsertJob(w.nextIndex(), canonical, false);
      List<Allocation> batch = new ArrayList<>();
      for (int i = 0; i < allocs; i++) {
        batch.add(Allocs.of(stored, "cache", i, clientStatus));
      }
      if (!batch.isEmpty()) {
        w.upsertAllocs(w.nextIndex(), batch, false);
      }
      return stored;
    }).toCompletionStage().toCompletableFuture().get();
  }

  private Map<String, DesiredUpdates> plan(ObjectNode job) throws Exception {
    JobPlanResponse reply = JobPlan.plan(store.snapshot(), scheduler,
        new JobPlanRequest(parse(job), false, false, null, null, null), () -> io.jobgate.acl.Acl.MANAGEMENT);
    assertNull(reply.failedTGAllocs());
    assertNull(reply.createdEvals());
    return reply.annotations().desiredTGUpdates();
  }

  private static DesiredUpdates updates(long ignore, long place, long stop, long inPlace, long destructive,
      long canary) {
    return new DesiredUpdates(ignore, place, 0, stop, inPlace, destructive, canary);
  }

  @Test
  void aNewJobPlacesItsCount() throws Exception {
    assertEquals(Map.of("cache", updates(0, 3, 0, 0, 0, 0)), plan(example("new", 3, j -> { })));
  }

  @Test
  void anUnchangedJobIgnoresItsAllocations() throws Exception {
    ObjectNode job = example("same", 2, j -> { });
    registerWithAllocs(job, 2, Allocation.CLIENT_RUNNING);
    assertEquals(Map.of("cache", updates(2, 0, 0, 0, 0, 0)), plan(job));
  }

  @Test
  void aMissingAllocationIsPlacedAgain() throws Exception {
    ObjectNode job = example("short", 2, j -> { });
    registerWithAllocs(job, 1, Allocation.CLIENT_RUNNING);
    assertEquals(Map.of("cache", updates(1, 1, 0, 0, 0, 0)), plan(job));
  }

  @Test
  void aLowerCountStopsTheSurplusAndUpdatesTheRestInPlace() throws Exception {
    registerWithAllocs(example("shrink", 3, j -> { }), 3, Allocation.CLIENT_RUNNING);
    assertEquals(Map.of("cache", updates(0, 0, 2, 1, 0, 0)), plan(example("shrink", 1, j -> { })));
  }

  @Test
  void aKillTimeoutChangeIsAnInPlaceUpdate() throws Exception {
    registerWithAllocs(example("kill", 2, j -> { }), 2, Allocation.CLIENT_RUNNING);
    assertEquals(Map.of("cache", updates(0, 0, 0, 2, 0, 0)),
        plan(example("kill", 2, j -> task(j).put("KillTimeout", 9_000_000_000L))));
  }

  @Test
  void aConfigChangeIsDestructiveAndWithoutUpdateBlockAllAtOnce() throws Exception {
    registerWithAllocs(example("cfg", 3, j -> { }), 3, Allocation.CLIENT_RUNNING);
    assertEquals(Map.of("cache", updates(0, 0, 0, 0, 3, 0)),
        plan(example("cfg", 3, j -> ((ObjectNode) task(j).get("Config")).put("image", "redis:4.0"))));
  }

  @Test
  void destructiveUpdatesAreLimitedToMaxParallel() throws Exception {
    Consumer<ObjectNode> rolling = j -> group(j).set("Update", Json.MAPPER.valueToTree(Map.of("MaxParallel", 1)));
    registerWithAllocs(example("roll", 3, rolling), 3, Allocation.CLIENT_RUNNING);
    assertEquals(Map.of("cache", updates(2, 0, 0, 0, 1, 0)), plan(example("roll", 3,
        rolling.andThen(j -> ((ObjectNode) task(j).get("Config")).put("image", "redis:4.0")))));
  }

  @Test
  void destructiveUpdatesWaitForCanaries() throws Exception {
    Consumer<ObjectNode> canary = j -> group(j).set("Update", Json.MAPPER.valueToTree(Map.of("Canary", 1)));
    registerWithAllocs(example("canary", 3, canary), 3, Allocation.CLIENT_RUNNING);
    assertEquals(Map.of("cache", updates(3, 0, 0, 0, 0, 1)), plan(example("canary", 3,
        canary.andThen(j -> ((ObjectNode) task(j).get("Config")).put("image", "redis:4.0")))));
  }

  @Test
  void aStoppedJobStopsEveryAllocation() throws Exception {
    registerWithAllocs(example("stop", 2, j -> { }), 2, Allocation.CLIENT_RUNNING);
    assertEquals(Map.of("cache", updates(0, 0, 2, 0, 0, 0)), plan(example("stop", 2, j -> j.put("Stop", true))));
  }

  @Test
  void aRemovedGroupStopsItsAllocations() throws Exception {
    registerWithAllocs(example("regroup", 1, j -> { }), 1, Allocation.CLIENT_RUNNING);
    Map<String, DesiredUpdates> updates = plan(example("regroup", 1, j -> group(j).put("Name", "store")));
    assertEquals(Map.of("cache", updates(0, 0, 1, 0, 0, 0), "store", updates(0, 1, 0, 0, 0, 0)), updates);
  }

  @Test
  void terminalAllocationsDoNotCount() throws Exception {
    registerWithAllocs(example("failed", 2, j -> { }), 2, Allocation.CLIENT_FAILED);
    assertEquals(Map.of("cache", updates(0, 2, 0, 0, 0, 0)), plan(example("failed", 2, j -> { })));
  }

  @Test
  void completedBatchWorkIsNotRedone() throws Exception {
    ObjectNode job = example("batchdone", 1, j -> j.put("Type", "batch"));
    registerWithAllocs(job, 1, Allocation.CLIENT_COMPLETE);
    assertEquals(Map.of("cache", updates(1, 0, 0, 0, 0, 0)), plan(job));
  }
}
