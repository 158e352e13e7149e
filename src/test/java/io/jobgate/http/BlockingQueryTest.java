package io.jobgate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobgate.config.AgentConfig;
import io.jobgate.support.Jobs;
import io.jobgate.support.TestAgent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Blocking queries as Nomad tests them: the request really waited, woke with the write's index,
 * ignored unrelated writes, timed out within wait + wait/16, and freed its waiter on hang-up.
 */
@ExtendWith(VertxExtension.class)
class BlockingQueryTest {

  /** The sweep resolution plus loopback scheduling: how late a timeout may be on a busy CI box. */
  private static final long TIMEOUT_SLACK_MS = 250;

  private static TestAgent t;
  private WebClient client;

  @BeforeAll
  static void start() {
    t = TestAgent.start(AgentConfig.defaults());
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  @BeforeEach
  void client(Vertx vertx) {
    client = WebClient.create(vertx, new WebClientOptions().setDefaultPort(t.agent.port())
        .setDefaultHost("127.0.0.1"));
  }

  private long currentIndex(String path) {
    return t.index(t.get(path));
  }

  @Test
  @Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
  void listWaitsForARegisterAndWakesWithItsIndex(Vertx vertx, VertxTestContext ctx) {
    long index = currentIndex("/v1/jobs");
    long start = System.nanoTime();
    long[] writeIndex = new long[1];
    vertx.setTimer(200, id -> vertx.executeBlocking(() -> t.index(t.put("/v1/jobs", Jobs.example("blk-list")))));
    client.get("/v1/jobs?index=" + index + "&wait=10s").send().onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      long elapsedMs = (System.nanoTime() - start) / 1_000_000;
      assertTrue(elapsedMs >= 200, "answered after " + elapsedMs + " ms, before the write");
      assertTrue(elapsedMs < 5000, "took " + elapsedMs + " ms");
      assertEquals(200, r.statusCode());
      long woke = Long.parseLong(r.getHeader("X-Nomad-Index"));
      // The register commits the job and then its eval; the list reports max(jobs, job_summary).
      long jobIndex = t.index(t.get("/v1/job/blk-list"));
      assertEquals(jobIndex, woke);
      assertTrue(r.bodyAsString().contains("\"ID\":\"blk-list\""));
      ctx.completeNow();
    })));
  }

  @Test
  @Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
  void jobWatcherIgnoresOtherJobsAndWakesOnItsOwn(Vertx vertx, VertxTestContext ctx) {
    t.put("/v1/jobs", Jobs.example("blk-mine"));
    long index = currentIndex("/v1/job/blk-mine");
    long start = System.nanoTime();
    vertx.setTimer(100, id -> vertx.executeBlocking(() -> t.put("/v1/jobs", Jobs.example("blk-unrelated"))));
    vertx.setTimer(600, id -> vertx.executeBlocking(() -> t.put("/v1/jobs", Jobs.example("blk-mine", 2))));
    client.get("/v1/job/blk-mine?index=" + index + "&wait=10s").send()
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          long elapsedMs = (System.nanoTime() - start) / 1_000_000;
          assertTrue(elapsedMs >= 600, "woke after " + elapsedMs + " ms: an unrelated job woke it");
          long woke = Long.parseLong(r.getHeader("X-Nomad-Index"));
          assertTrue(woke > index);
          assertEquals(woke, r.bodyAsJsonObject().getLong("JobModifyIndex"));
          assertEquals(2, r.bodyAsJsonObject().getJsonArray("TaskGroups").getJsonObject(0).getInteger("Count"));
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
  void purgeWakesTheJobWatcherWithA404(Vertx vertx, VertxTestContext ctx) {
    t.put("/v1/jobs", Jobs.example("blk-purge"));
    long index = currentIndex("/v1/job/blk-purge");
    vertx.setTimer(150, id -> vertx.executeBlocking(() -> t.delete("/v1/job/blk-purge?purge=true")));
    client.get("/v1/job/blk-purge?index=" + index + "&wait=10s").send()
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(404, r.statusCode());
          assertEquals("job not found", r.bodyAsString());
          assertTrue(Long.parseLong(r.getHeader("X-Nomad-Index")) > index);
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  void indexZeroAnswersAtOnce(VertxTestContext ctx) {
    long start = System.nanoTime();
    client.get("/v1/jobs?index=0&wait=5s").send().onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertTrue((System.nanoTime() - start) / 1_000_000 < 1000);
      assertTrue(Long.parseLong(r.getHeader("X-Nomad-Index")) >= 1, "index is never 0");
      ctx.completeNow();
    })));
  }

  @Test
  @Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
  void timesOutWithinWaitPlusJitter(VertxTestContext ctx) {
    long index = currentIndex("/v1/job/never-written");
    long start = System.nanoTime();
    long waitMs = 2000;
    client.get("/v1/job/never-written?index=" + index + "&wait=" + waitMs + "ms").send()
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          long elapsedMs = (System.nanoTime() - start) / 1_000_000;
          assertTrue(elapsedMs >= waitMs, "answered after " + elapsedMs + " ms, before the wait");
          assertTrue(elapsedMs <= waitMs + waitMs / 16 + TIMEOUT_SLACK_MS, "answered after " + elapsedMs + " ms");
          assertEquals(404, r.statusCode());
          assertEquals(index, Long.parseLong(r.getHeader("X-Nomad-Index")));
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
  void hangingUpFreesTheWaiter(Vertx vertx, VertxTestContext ctx) {
    long index = currentIndex("/v1/jobs");
    int before = t.agent.metrics().parkedTotal();
    HttpClient raw = vertx.createHttpClient(new HttpClientOptions().setDefaultPort(t.agent.port())
        .setDefaultHost("127.0.0.1"));
    raw.request(new RequestOptions().setMethod(HttpMethod.GET).setURI("/v1/jobs?index=" + index + "&wait=60s"))
        .compose(req -> req.send().map(x -> (Object) x).recover(e -> io.vertx.core.Future.succeededFuture()))
        .onComplete(x -> { });
    awaitParked(vertx, before + 1)
        .compose(v -> raw.close())
        .compose(v -> awaitParked(vertx, before))
        .onComplete(ctx.succeedingThenComplete());
  }

  private io.vertx.core.Future<Void> awaitParked(Vertx vertx, int expected) {
    io.vertx.core.Promise<Void> p = io.vertx.core.Promise.promise();
    long deadline = System.currentTimeMillis() + 5000;
    vertx.setPeriodic(20, id -> {
      if (t.agent.metrics().parkedTotal() == expected) {
        vertx.cancelTimer(id);
        p.tryComplete();
      } else if (System.currentTimeMillis() > deadline) {
        vertx.cancelTimer(id);
        p.tryFail("parked queries stayed at " + t.agent.metrics().parkedTotal() + ", expected " + expected);
      }
    });
    return p.future();
  }

  @Test
  void badIndexAndWaitGetNomadsTexts() {
    var r1 = t.get("/v1/jobs?index=abc");
    assertEquals(400, r1.statusCode());
    assertEquals("Invalid index", r1.body());
    var r2 = t.get("/v1/jobs?wait=forever");
    assertEquals(400, r2.statusCode());
    assertEquals("Invalid wait time", r2.body());
    assertEquals("Invalid index", t.get("/v1/job/x?index=-1").body());
  }

  @Test
  @Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
  void identicalWatchersShareOneAnswer(Vertx vertx, VertxTestContext ctx) {
    long index = currentIndex("/v1/jobs");
    int n = 20;
    var checkpoint = ctx.checkpoint(n);
    Buffer[] first = new Buffer[1];
    for (int i = 0; i < n; i++) {
      client.get("/v1/jobs?index=" + index + "&wait=10s").send().onComplete(ctx.succeeding(
          (HttpResponse<Buffer> r) -> ctx.verify(() -> {
            assertEquals(200, r.statusCode());
            synchronized (first) {
              if (first[0] == null) {
                first[0] = r.body();
              } else {
                assertEquals(first[0], r.body());
              }
            }
            checkpoint.flag();
          })));
    }
    vertx.setTimer(300, id -> vertx.executeBlocking(() -> t.put("/v1/jobs", Jobs.example("blk-fanout"))));
  }

}
