package io.jobgate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobgate.config.AgentConfig;
import io.jobgate.config.Settings;
import io.jobgate.support.Jobs;
import io.jobgate.support.ParkedClients;
import io.jobgate.support.Scrape;
import io.jobgate.support.TestAgent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.DoublePredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The scrape's series and labels, as a dashboard or alert would read them. */
class MetricsScrapeTest {

  private static TestAgent t;

  @BeforeAll
  static void start() {
    t = TestAgent.start(AgentConfig.defaults());
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  private static Scrape scrape() {
    HttpResponse<String> r = t.get("/metrics");
    assertEquals(200, r.statusCode());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
    return Scrape.parse(r.body());
  }

  /** Polls the scrape until {@code name{labels}} satisfies {@code ok}; returns the last value seen. */
  private static double awaitValue(String name, DoublePredicate ok, String... labels) throws InterruptedException {
    double v = Double.NaN;
    for (int i = 0; i < 250; i++) {
      v = scrape().value(name, labels);
      if (ok.test(v)) {
        return v;
      }
      Thread.sleep(20);
    }
    return v;
  }

  @Test
  void requestsAreCountedByRouteMethodAndStatusAndParkedOnesStayOutOfTheLatencyHistogram() throws Exception {
    Scrape before = scrape();
    t.put("/v1/jobs", Jobs.example("scrape-a"));
    long index = t.index(t.get("/v1/jobs"));
    t.get("/v1/jobs");
    t.get("/v1/job/scrape-missing");
    CompletableFuture<HttpResponse<String>> parked = CompletableFuture.supplyAsync(
        () -> t.get("/v1/jobs?index=" + index + "&wait=20s"));
    awaitValue("jobgate_blocking_queries", v -> v == 1, "route", "/v1/jobs");
    t.put("/v1/jobs", Jobs.example("scrape-b"));
    assertEquals(200, parked.get().statusCode());

    Scrape after = scrape();
    String[] listOk = {"route", "/v1/jobs", "method", "GET", "status", "200"};
    assertEquals(3, delta(before, after, "jobgate_http_requests_total", listOk), "two plain reads and one parked");
    assertEquals(2, delta(before, after, "jobgate_http_request_duration_seconds_count", listOk),
        "the parked read is not latency");
    assertEquals(2, delta(before, after, "jobgate_http_request_duration_seconds_bucket", concat(listOk, "le", "+Inf")));
    assertEquals(1, delta(before, after, "jobgate_http_requests_total",
        "route", "/v1/job/:id", "method", "GET", "status", "404"));
    assertEquals(2, delta(before, after, "jobgate_http_requests_total",
        "route", "/v1/jobs", "method", "PUT", "status", "200"));
    assertEquals(1, delta(before, after, "jobgate_blocking_completed_total", "outcome", "woken"));
    // Recorded once the woken answers are written, which may be just after the client has read its own.
    awaitValue("jobgate_wake_fanout_seconds_count", v -> v >= 1);
    assertEquals(0, after.value("jobgate_blocking_queries", "route", "/v1/jobs"));
    assertEquals("counter", after.types.get("jobgate_http_requests_total"));
    assertEquals("histogram", after.types.get("jobgate_http_request_duration_seconds"));
    assertEquals("histogram", after.types.get("jobgate_wake_fanout_seconds"));
    assertEquals("gauge", after.types.get("jobgate_blocking_queries"));
  }

  private static double delta(Scrape before, Scrape after, String name, String... labels) {
    double b = before.value(name, labels);
    return after.value(name, labels) - (Double.isNaN(b) ? 0 : b);
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void stateIndexAndRowsFollowTheStore() {
    t.put("/v1/jobs", Jobs.example("scrape-rows"));
    Scrape s = scrape();
    assertEquals(t.agent.store().snapshot().index(), s.value("jobgate_state_index"));
    assertEquals(t.agent.store().snapshot().jobCount(), s.value("jobgate_state_rows", "table", "jobs"));
    assertEquals(t.agent.store().snapshot().evalCount(), s.value("jobgate_state_rows", "table", "evals"));
    assertFalse(Double.isNaN(s.value("jobgate_state_rows", "table", "allocs")));
    assertFalse(Double.isNaN(s.value("jobgate_state_rows", "table", "deployment")));
  }

  @Test
  void parkedGaugeRisesWithParkedRequestsAndFallsToZeroWhenTheirClientsHangUp() throws Exception {
    long index = t.index(t.get("/v1/jobs"));
    double goneBefore = scrape().value("jobgate_blocking_completed_total", "outcome", "client_gone");
    int n = 50;
    try (ParkedClients clients = ParkedClients.open(t.agent.port(), "/v1/jobs?index=" + index + "&wait=60s", n)) {
      assertEquals(n, awaitValue("jobgate_blocking_queries", v -> v == n, "route", "/v1/jobs"));
      assertTrue(scrape().value("jobgate_http_connections") >= n);
      clients.hangUp();
      assertEquals(0, awaitValue("jobgate_blocking_queries", v -> v == 0, "route", "/v1/jobs"));
    }
    assertEquals(n, scrape().value("jobgate_blocking_completed_total", "outcome", "client_gone") - goneBefore);
  }

  @Test
  void noSeriesIsLabelledWithAJobIdAndCountersEndInTotal() {
    t.put("/v1/jobs", Jobs.example("scrape-no-label"));
    t.get("/v1/job/scrape-no-label");
    Scrape s = scrape();
    for (Scrape.Sample x : s.samples) {
      assertFalse(x.labels().keySet().stream().anyMatch(Set.of("job", "job_id", "eval_id", "alloc_id", "path")::contains),
          x.toString());
      assertFalse(x.labels().values().stream().anyMatch(v -> v.contains("scrape-no-label")), x.toString());
    }
    s.types.forEach((family, type) -> {
      if (type.equals("counter")) {
        assertTrue(family.endsWith("_total"), family + " is a counter without _total");
      }
    });
  }

  @Test
  void jvmProcessAndNettyMetersAreScraped() {
    Scrape s = scrape();
    assertTrue(s.sum("jvm_memory_used_bytes", "area", "heap") > 0);
    assertTrue(s.value("process_resident_memory_bytes") > 10_000_000, "RSS is in bytes");
    assertTrue(s.value("process_files_open_files") > 0);
    assertTrue(s.value("process_files_max_files") > 0);
    assertTrue(s.has("process_cpu_usage"));
    assertTrue(s.has("jvm_gc_pause_seconds_count") || s.has("jvm_gc_memory_allocated_bytes_total"));
    assertTrue(s.has("netty_eventexecutor_tasks_pending"), "Netty event-loop queues");
    assertTrue(s.has("netty_allocator_memory_used"), "Netty buffer memory");
  }

  @Test
  void nomadJsonFormCarriesTheSameMeters() {
    JsonObject m = new JsonObject(t.get("/v1/metrics").body());
    JsonArray gauges = m.getJsonArray("Gauges");
    JsonArray counters = m.getJsonArray("Counters");
    assertTrue(gauges.stream().map(JsonObject.class::cast).anyMatch(g -> g.getString("Name").equals("jobgate.state.index")));
    assertTrue(counters.stream().map(JsonObject.class::cast)
        .anyMatch(c -> c.getString("Name").equals("jobgate.blocking.completed")
            && c.getJsonObject("Labels").getString("outcome").equals("woken")));
    assertTrue(m.getJsonArray("Samples").stream().map(JsonObject.class::cast)
        .anyMatch(x -> x.getString("Name").equals("jobgate.wake.fanout")));
  }

  @Test
  void prometheusFormCanBeTurnedOff() {
    try (TestAgent off = TestAgent.start(AgentConfig.defaults().with(Settings.PROMETHEUS, false)
        .with(Settings.JVM_METRICS, false))) {
      assertEquals(415, off.get("/metrics").statusCode());
      assertEquals("Prometheus is not enabled", off.get("/v1/metrics?format=prometheus").body());
      assertEquals(200, off.get("/v1/metrics").statusCode());
    }
  }

  @Test
  void readyAnswers200WhileServing() {
    HttpResponse<String> r = t.get("/ready");
    assertEquals(200, r.statusCode());
    assertEquals("ready", r.body());
  }
}
