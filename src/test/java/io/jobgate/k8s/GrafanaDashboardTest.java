package io.jobgate.k8s;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jobgate.metrics.Metrics;
import io.jobgate.support.Jobs;
import io.jobgate.support.ParkedClients;
import io.jobgate.support.Scrape;
import io.jobgate.support.TestAgent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every series the dashboard queries exists: in a live scrape, or as a meter name declared in Metrics. */
class GrafanaDashboardTest {

  private static final Pattern SERIES = Pattern.compile("\\b((?:jobgate|process|jvm|netty)_[a-z_]+)\\b");

  @Test
  void everyQueriedSeriesIsOneTheAgentExports() throws Exception {
    JsonNode dashboard = new ObjectMapper().readTree(Path.of("k8s/base/grafana/jobgate-dashboard.json").toFile());
    List<String> exprs = new ArrayList<>();
    dashboard.path("panels").forEach(p -> p.path("targets").forEach(t -> exprs.add(t.path("expr").asText())));
    assertFalse(exprs.isEmpty());

    Set<String> exported = new TreeSet<>();
    try (TestAgent t = TestAgent.start()) {
      t.put("/v1/jobs", Jobs.example("dashboard"));
      long index = t.index(t.get("/v1/jobs"));
      // The parked gauge of a route appears with the first query parked on it.
      try (ParkedClients parked = ParkedClients.open(t.agent.port(), "/v1/jobs?index=" + index + "&wait=1m", 1)) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (t.agent.metrics().parkedTotal() < 1 && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
        Scrape.parse(t.get("/metrics").body()).samples.forEach(s -> exported.add(s.name()));
      }
    }
    exported.addAll(declaredForOthers());

    Set<String> missing = new TreeSet<>();
    for (String expr : exprs) {
      Matcher m = SERIES.matcher(expr);
      while (m.find()) {
        if (!exported.contains(m.group(1))) {
          missing.add(m.group(1));
        }
      }
    }
    assertTrue(missing.isEmpty(), "the dashboard queries series nobody exports: " + missing);
  }

  /**
   * The scheduler's and the journal's meters, registered here as their owners are told to (the
   * type and unit in each constant's comment), to learn the names Prometheus will see.
   */
  private static Set<String> declaredForOthers() {
    PrometheusMeterRegistry r = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Gauge.builder(Metrics.BROKER_EVALS, () -> 0).tag("status", "ready").register(r);
    Counter.builder(Metrics.PLACEMENTS).register(r);
    Counter.builder(Metrics.PLAN_CONFLICTS).register(r);
    Timer.builder(Metrics.JOURNAL_COMMIT).serviceLevelObjectives(Duration.ofMillis(1)).register(r).record(Duration.ZERO);
    Timer.builder(Metrics.JOURNAL_FSYNC).serviceLevelObjectives(Duration.ofMillis(1)).register(r).record(Duration.ZERO);
    DistributionSummary.builder(Metrics.JOURNAL_BATCH).baseUnit("commands").serviceLevelObjectives(1).register(r)
        .record(1);
    Set<String> names = new TreeSet<>();
    Scrape.parse(r.scrape()).samples.forEach(s -> names.add(s.name()));
    return names;
  }
}
