package io.jobgate.http;

import io.jobgate.structs.GoTime;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Nomad's JSON metrics form ({@code GET /v1/metrics}): {@code Timestamp}, {@code Gauges},
 * {@code Counters}, {@code Samples}, each entry with {@code Name} and {@code Labels}.
 */
final class NomadMetricsJson {

  private NomadMetricsJson() {
  }

  static Map<String, Object> of(MeterRegistry registry) {
    List<Map<String, Object>> gauges = new ArrayList<>();
    List<Map<String, Object>> counters = new ArrayList<>();
    List<Map<String, Object>> samples = new ArrayList<>();
    for (Meter m : registry.getMeters()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("Name", m.getId().getName());
      Map<String, String> labels = new LinkedHashMap<>();
      for (Tag t : m.getId().getTags()) {
        labels.put(t.getKey(), t.getValue());
      }
      if (m instanceof Gauge g) {
        e.put("Value", g.value());
        e.put("Labels", labels);
        gauges.add(e);
      } else if (m instanceof TimeGauge g) {
        e.put("Value", g.value(TimeUnit.MILLISECONDS));
        e.put("Labels", labels);
        gauges.add(e);
      } else if (m instanceof Counter c) {
        e.put("Count", c.count());
        e.put("Sum", c.count());
        e.put("Labels", labels);
        counters.add(e);
      } else if (m instanceof FunctionCounter c) {
        e.put("Count", c.count());
        e.put("Sum", c.count());
        e.put("Labels", labels);
        counters.add(e);
      } else if (m instanceof DistributionSummary d) {
        e.put("Count", d.count());
        e.put("Sum", d.totalAmount());
        e.put("Max", d.max());
        e.put("Mean", d.mean());
        e.put("Labels", labels);
        samples.add(e);
      } else if (m instanceof Timer t) {
        e.put("Count", t.count());
        e.put("Sum", t.totalTime(TimeUnit.MILLISECONDS));
        e.put("Max", t.max(TimeUnit.MILLISECONDS));
        e.put("Mean", t.mean(TimeUnit.MILLISECONDS));
        e.put("Labels", labels);
        samples.add(e);
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("Timestamp", GoTime.format(Instant.now()));
    out.put("Gauges", gauges);
    out.put("Counters", counters);
    out.put("Samples", samples);
    return out;
  }
}
