package io.jobgate.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobgate.metrics.Metrics;
import io.jobgate.state.StateStore;
import io.jobgate.structs.Evaluation;
import io.jobgate.structs.TimeScale;
import io.jobgate.support.Poll;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The broker on its own: startup pick-up, priority, one eval per job, the delivery limit (spec §13.1). */
class EvalBrokerTest {

  private Vertx vertx;
  private StateStore store;
  private EvalBroker broker;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    store = new StateStore(vertx);
    // Nack delays of 1s and 20s become 1 ms and 20 ms.
    broker = new EvalBroker(vertx, store, new TimeScale(0.001));
  }

  @AfterEach
  void stop() throws Exception {
    broker.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private void file(Evaluation... evals) throws Exception {
    store.write(w -> {
      w.upsertEvals(w.nextIndex(), List.of(evals));
      return null;
    }).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private static Evaluation eval(String id, String job, int priority) {
    return Evaluation.pending(id, "default", priority, "service", Evaluation.TRIGGER_JOB_REGISTER, job, 1);
  }

  private Evaluation next() throws Exception {
    return broker.dequeue().get(5, TimeUnit.SECONDS);
  }

  @Test
  void picksUpStoredEvalsThenServesByPriorityOneEvalPerJob() throws Exception {
    file(eval("a-low", "a", 20), eval("b-high", "b", 90));
    broker.start().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    file(eval("a-second", "a", 99));
    assertEquals("b-high", next().id());
    assertEquals("a-low", next().id());
    CompletableFuture<Evaluation> third = broker.dequeue();
    Thread.sleep(100);
    assertFalse(third.isDone(), "a-second waits while a-low is out");
    broker.ack("a-low");
    assertEquals("a-second", third.get(5, TimeUnit.SECONDS).id());
  }

  @Test
  void theWaitingGaugeCountsEvalsQueuedBehindTheirJobsActiveOne() throws Exception {
    Metrics metrics = new Metrics();
    broker.registerMeters(metrics);
    broker.start().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    file(eval("a-1", "a", 50));
    assertEquals("a-1", next().id());
    file(eval("a-2", "a", 50), eval("a-3", "a", 50), eval("b-1", "b", 50));
    Poll.until(Duration.ofSeconds(5), () -> waiting(metrics), w -> w == 2.0);
    broker.ack("a-1");
    Poll.until(Duration.ofSeconds(5), () -> waiting(metrics), w -> w == 1.0);
    // Equal priority and index: b-1 and the next of job a come out in either order.
    Set<String> out = new HashSet<>(List.of(next().id(), next().id()));
    assertTrue(out.remove("b-1"), "b-1 never waited: " + out);
    String second = out.iterator().next();
    assertTrue(second.equals("a-2") || second.equals("a-3"), second);
    broker.ack(second);
    assertEquals(second.equals("a-2") ? "a-3" : "a-2", next().id());
    assertEquals(0.0, waiting(metrics));
  }

  private static double waiting(Metrics metrics) {
    return metrics.registry().get(Metrics.BROKER_EVALS).tag("status", "waiting").gauge().value();
  }

  @Test
  void thirdNackFailsTheEvalAndFilesAFollowUp() throws Exception {
    broker.start().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    file(eval("flaky", "j", 50));
    for (int i = 0; i < EvalBroker.DELIVERY_LIMIT; i++) {
      assertEquals("flaky", next().id());
      broker.nack("flaky");
    }
    Evaluation failed = Poll.until(Duration.ofSeconds(10), () -> store.snapshot().eval("flaky"),
        e -> e.status().equals(Evaluation.STATUS_FAILED));
    assertEquals("evaluation reached delivery limit (3)", failed.statusDescription());
    Evaluation follow = store.snapshot().eval(failed.nextEval());
    assertEquals(Evaluation.TRIGGER_FAILED_FOLLOW_UP, follow.triggeredBy());
    assertEquals("flaky", follow.previousEval());
    assertTrue(follow.waitNanos() >= 60_000_000_000L && follow.waitNanos() < 360_000_000_000L);
    assertEquals("pending", follow.status());
  }
}
