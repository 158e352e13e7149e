package io.jobgate.periodic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobgate.state.JobKey;
import io.jobgate.state.StateStore;
import io.jobgate.structs.GoTime;
import io.jobgate.structs.Job;
import io.jobgate.structs.JobCanonicalizer;
import io.jobgate.structs.Json;
import io.jobgate.support.Jobs;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The launcher starting on a store that already holds periodic jobs, as a durable agent does after
 * a restart: missed launches are caught up once, from the launch times in the store.
 */
class PeriodicLauncherTest {

  private Vertx vertx;
  private StateStore store;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    store = new StateStore(vertx);
  }

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Writes a yearly periodic job as registered at {@code registered}: its launch row says so. */
  private void registeredAt(String id, Instant registered) throws Exception {
    String body = Jobs.batch(id).replace("\"Type\": \"batch\",",
        "\"Type\": \"batch\", \"Periodic\": {\"Spec\": \"0 0 1 1 *\"},");
    Job job = JobCanonicalizer.canonicalize(Json.MAPPER.readTree(body).get("Job").traverse(Json.MAPPER)
        .readValueAs(Job.class)).withSubmitTime(GoTime.toUnixNanos(registered));
    store.write(w -> w.upsertJob(w.nextIndex(), job, false)).toCompletionStage().toCompletableFuture().get();
  }

  private void startLauncher() throws Exception {
    vertx.deployVerticle(new PeriodicLauncher(store)).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  private List<Job> children(String id) {
    return store.snapshot().jobsByPrefix("default", id + PeriodicChildren.SUFFIX);
  }

  @Test
  void aLaunchMissedWhileDownIsCaughtUpOnceNotInABurst() throws Exception {
    // Registered five years ago and never launched since: five yearly launches were missed.
    registeredAt("yearly", Instant.now().minus(Duration.ofDays(5 * 366)));
    long before = Instant.now().getEpochSecond();
    startLauncher();
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (children("yearly").isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    Thread.sleep(500);
    List<Job> children = children("yearly");
    assertEquals(1, children.size(), "expected exactly one catch-up launch: " + children);
    long launched = Long.parseLong(children.get(0).id().substring(("yearly" + PeriodicChildren.SUFFIX).length()));
    assertTrue(launched >= before, "the catch-up launch is now, not at the missed time");
    assertEquals(launched, store.snapshot().periodicLaunch(new JobKey("default", "yearly")).launch().getEpochSecond());
  }

  @Test
  void nothingIsLaunchedWhenNoLaunchWasMissed() throws Exception {
    registeredAt("fresh", Instant.now());
    startLauncher();
    Thread.sleep(500);
    assertEquals(List.of(), children("fresh"));
  }
}
