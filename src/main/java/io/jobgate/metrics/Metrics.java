package io.jobgate.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;

/**
 * Every meter's name in one place, and the Prometheus registry they live in. Names follow
 * Prometheus conventions once rendered (base units, {@code _total} on counters); no label ever
 * carries a job ID.
 */
public final class Metrics {

  public static final String BLOCKING_QUERIES = "jobgate.blocking.queries";
  public static final String BLOCKING_COMPLETED = "jobgate.blocking.completed";
  public static final String WAKE_FANOUT = "jobgate.wake.fanout";
  public static final String HTTP_REQUESTS = "jobgate.http.requests";
  public static final String STATE_INDEX = "jobgate.state.index";
  public static final String STATE_ROWS = "jobgate.state.rows";

  /** Why a parked blocking query ended. */
  public enum Outcome {
    WOKEN("woken"), TIMEOUT("timeout"), CLIENT_GONE("client_gone"), CUT_SLOW("cut_slow"), SHUTDOWN("shutdown");

    final String label;

    Outcome(String label) {
      this.label = label;
    }
  }

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<String, AtomicInteger> parkedByRoute = new ConcurrentHashMap<>();
  private final Map<Outcome, Counter> outcomes = new ConcurrentHashMap<>();
  private final Timer wakeFanout;

  public Metrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    for (Outcome o : Outcome.values()) {
      outcomes.put(o, Counter.builder(BLOCKING_COMPLETED)
          .description("Blocking queries that ended, by why they ended")
          .tag("outcome", o.label)
          .register(registry));
    }
    wakeFanout = Timer.builder(WAKE_FANOUT)
        .description("From a state commit until the last woken blocking query on an event loop was written")
        .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(5))
        .register(registry);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The live count of parked queries on {@code route}; shared by every event loop. */
  public AtomicInteger parked(String route) {
    return parkedByRoute.computeIfAbsent(route, r -> {
      AtomicInteger n = new AtomicInteger();
      Gauge.builder(BLOCKING_QUERIES, n, AtomicInteger::get)
          .description("Blocking queries parked now, waiting for a change or their deadline")
          .tag("route", r)
          .register(registry);
      return n;
    });
  }

  public int parkedTotal() {
    int sum = 0;
    for (AtomicInteger n : parkedByRoute.values()) {
      sum += n.get();
    }
    return sum;
  }

  public void completed(Outcome outcome) {
    outcomes.get(outcome).increment();
  }

  public void wakeFanout(long nanos) {
    wakeFanout.record(Duration.ofNanos(nanos));
  }

  public <T> void gauge(String name, String description, T source, ToDoubleFunction<T> f, String... tags) {
    Gauge.builder(name, source, f).description(description).tags(tags).register(registry);
  }
}
