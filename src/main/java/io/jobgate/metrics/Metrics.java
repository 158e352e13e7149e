package io.jobgate.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;

/**
 * Every meter's name in one place, and the Prometheus registry they live in. Names are Micrometer's
 * dotted form; the Prometheus registry renders them in base units with {@code _total} on counters
 * ({@code jobgate.http.requests} → {@code jobgate_http_requests_total}). No tag ever carries a job
 * ID or any other unbounded value: routes are templates ({@code /v1/job/:id}), never paths.
 */
public final class Metrics {

  // ---- HTTP front
  /** Counter {route, method, status}: every answered request, parked or not. */
  public static final String HTTP_REQUESTS = "jobgate.http.requests";
  /**
   * Timer {route, method, status}: latency of requests that did not park. A parked blocking query
   * waits by design, so its time is not latency; it shows in {@link #BLOCKING_QUERIES} instead
   * (as Kubernetes keeps long-running requests out of its latency SLO).
   */
  public static final String HTTP_REQUEST_DURATION = "jobgate.http.request.duration";
  /** Gauge: open HTTP connections (Nomad: {@code nomad.agent.http.connections}). */
  public static final String HTTP_CONNECTIONS = "jobgate.http.connections";
  /** Counter {limit}: connections refused with 429 (Nomad: {@code nomad.agent.http.exceeded}). */
  public static final String HTTP_CONNECTIONS_REJECTED = "jobgate.http.connections.rejected";

  // ---- blocking queries
  /** Gauge {route}: blocking queries parked now (Consul: {@code consul.rpc.queries_blocking}). */
  public static final String BLOCKING_QUERIES = "jobgate.blocking.queries";
  /** Counter {outcome}: parked blocking queries that ended, by why; see {@link Outcome}. */
  public static final String BLOCKING_COMPLETED = "jobgate.blocking.completed";
  /** Timer: from a state commit until the last woken query on an event loop was written. */
  public static final String WAKE_FANOUT = "jobgate.wake.fanout";

  // ---- state store
  /** Gauge: the store's global index (Nomad's Raft index). */
  public static final String STATE_INDEX = "jobgate.state.index";
  /** Gauge {table}: rows per table, by Nomad's table names. */
  public static final String STATE_ROWS = "jobgate.state.rows";

  // ---- scheduler (registered by the scheduler where these things happen)
  /** Gauge {status}: evaluations in the broker by status: ready, unacked, blocked, waiting. */
  public static final String BROKER_EVALS = "jobgate.broker.evals";
  /** Counter: allocations placed by committed plans. */
  public static final String PLACEMENTS = "jobgate.scheduler.placements";
  /** Counter: plans (fully or partly) refused at apply because the state had moved under them. */
  public static final String PLAN_CONFLICTS = "jobgate.plan.conflicts";

  // ---- journal (registered by persistence where these things happen)
  /** Timer: from a command's arrival at the journal until it is durable. */
  public static final String JOURNAL_COMMIT = "jobgate.journal.commit";
  /** Timer: one fsync of the journal. */
  public static final String JOURNAL_FSYNC = "jobgate.journal.fsync";
  /** Distribution summary, base unit "commands": commands made durable by one group commit. */
  public static final String JOURNAL_BATCH = "jobgate.journal.batch";

  /** Latency buckets for request and wake timers: 1 ms to 10 s, fine below 100 ms where the SLO lives. */
  private static final Duration[] LATENCY_BUCKETS = {
      Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
      Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
      Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

  /** Why a parked blocking query ended. */
  public enum Outcome {
    WOKEN("woken"), TIMEOUT("timeout"), CLIENT_GONE("client_gone"), CUT_SLOW("cut_slow"), SHUTDOWN("shutdown");

    final String label;

    Outcome(String label) {
      this.label = label;
    }
  }

  /** Which limit refused a connection. */
  public enum ConnectionLimit {
    TOTAL("total"), PER_CLIENT("per_client");

    final String label;

    ConnectionLimit(String label) {
      this.label = label;
    }
  }

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<String, AtomicInteger> parkedByRoute = new ConcurrentHashMap<>();
  private final Map<Outcome, Counter> outcomes = new ConcurrentHashMap<>();
  private final Map<ConnectionLimit, Counter> rejected = new ConcurrentHashMap<>();
  private final Map<RequestKey, RequestMeters> requests = new ConcurrentHashMap<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final Timer wakeFanout;

  public Metrics() {
    for (Outcome o : Outcome.values()) {
      outcomes.put(o, Counter.builder(BLOCKING_COMPLETED)
          .description("Blocking queries that ended, by why they ended")
          .tag("outcome", o.label)
          .register(registry));
    }
    for (ConnectionLimit l : ConnectionLimit.values()) {
      rejected.put(l, Counter.builder(HTTP_CONNECTIONS_REJECTED)
          .description("HTTP connections refused with 429, by the limit they hit")
          .tag("limit", l.label)
          .register(registry));
    }
    Gauge.builder(HTTP_CONNECTIONS, connections, AtomicInteger::get)
        .description("Open HTTP connections")
        .register(registry);
    wakeFanout = latency(WAKE_FANOUT,
        "From a state commit until the last woken blocking query on an event loop was written");
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

  /**
   * One answered request. {@code parked} requests are counted but kept out of the latency
   * histogram: their time was spent waiting on purpose.
   */
  public void request(String route, String method, int status, long nanos, boolean parked) {
    RequestMeters m = requests.computeIfAbsent(new RequestKey(route, method, status), this::requestMeters);
    m.count.increment();
    if (!parked) {
      m.latency.record(nanos, TimeUnit.NANOSECONDS);
    }
  }

  private RequestMeters requestMeters(RequestKey k) {
    String status = Integer.toString(k.status);
    return new RequestMeters(
        Counter.builder(HTTP_REQUESTS)
            .description("HTTP requests answered, parked blocking queries included")
            .tags("route", k.route, "method", k.method, "status", status)
            .register(registry),
        Timer.builder(HTTP_REQUEST_DURATION)
            .description("Latency of HTTP requests that did not park")
            .tags("route", k.route, "method", k.method, "status", status)
            .serviceLevelObjectives(LATENCY_BUCKETS)
            .register(registry));
  }

  public void connectionOpened() {
    connections.incrementAndGet();
  }

  public void connectionClosed() {
    connections.decrementAndGet();
  }

  public void connectionRejected(ConnectionLimit limit) {
    rejected.get(limit).increment();
  }

  /** A latency timer with the buckets every jobgate latency uses. */
  public Timer latency(String name, String description) {
    return Timer.builder(name).description(description).serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
  }

  public <T> void gauge(String name, String description, T source, ToDoubleFunction<T> f, String... tags) {
    Gauge.builder(name, source, f).description(description).tags(tags).register(registry);
  }

  private record RequestKey(String route, String method, int status) {
  }

  private record RequestMeters(Counter count, Timer latency) {
  }
}
