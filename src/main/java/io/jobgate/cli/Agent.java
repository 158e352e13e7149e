package io.jobgate.cli;

import io.jobgate.config.AgentConfig;
import io.jobgate.endpoint.CountingPlanScheduler;
import io.jobgate.endpoint.PlanScheduler;
import io.jobgate.endpoint.SchedulerDryRun;
import io.jobgate.http.ConnectionLimiter;
import io.jobgate.http.HttpVerticle;
import io.jobgate.http.Lifecycle;
import io.jobgate.logging.Log;
import io.jobgate.metrics.Metrics;
import io.jobgate.metrics.RuntimeMeters;
import io.jobgate.fleet.Fleet;
import io.jobgate.persist.DurableState;
import io.jobgate.persist.GarbageCollector;
import io.jobgate.persist.TimeTable;
import io.jobgate.scheduler.SchedulerService;
import io.jobgate.periodic.PeriodicLauncher;
import io.jobgate.state.StateChange;
import io.jobgate.state.StateSnapshot;
import io.jobgate.state.StateStore;
import io.jobgate.structs.TimeScale;
import io.jobgate.state.Table;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.VertxInternal;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.ToIntFunction;

/** A running agent: the store, the scheduler, the simulated fleet, the HTTP fronts. */
public final class Agent {

  private static final Log LOG = Log.get("jobgate.agent");
  private static final Log STATE_LOG = Log.get("jobgate.state");
  /** Of the shutdown bound, kept back for stopping Vert.x and the JVM's exit after the fronts close. */
  private static final Duration EXIT_MARGIN = Duration.ofSeconds(1);

  private final Vertx vertx;
  private final AgentConfig config;
  private final StateStore store;
  private final Metrics metrics;
  private final RuntimeMeters runtimeMeters;
  private final Lifecycle lifecycle;
  private final List<HttpVerticle> fronts;
  private final DurableState durable;
  private final SchedulerService scheduler;
  private final Fleet fleet;
  private final int port;
  private Future<Void> shutdown;

  private Agent(Vertx vertx, AgentConfig config, StateStore store, Metrics metrics, RuntimeMeters runtimeMeters,
      Lifecycle lifecycle, List<HttpVerticle> fronts, DurableState durable, SchedulerService scheduler, Fleet fleet,
      int port) {
    this.vertx = vertx;
    this.config = config;
    this.store = store;
    this.metrics = metrics;
    this.runtimeMeters = runtimeMeters;
    this.lifecycle = lifecycle;
    this.fronts = fronts;
    this.durable = durable;
    this.scheduler = scheduler;
    this.fleet = fleet;
    this.port = port;
  }

  /**
   * Starts an agent on its own Vert.x instance. Outside dev mode it first opens the data dir and
   * reads the state back, so it serves nothing until every acknowledged write is there again; a
   * data dir it cannot use fails the start with a {@link io.jobgate.persist.DataDirException}.
   */
  public static Future<Agent> start(AgentConfig config) {
    // The state is read back while Vert.x and the meters start: a restart is ready that much sooner.
    CompletableFuture<DurableState> opening = config.dev() ? CompletableFuture.completedFuture(null)
        : CompletableFuture.supplyAsync(() -> DurableState.open(Path.of(config.dataDir())),
            r -> new Thread(r, "jobgate-restore").start());
    // One event loop each for the store's writer, the broker, the deployment watcher, the fleet
    // and every HTTP front: a busy fleet must not delay commits that share its thread.
    int loops = Math.max(2 * Runtime.getRuntime().availableProcessors(), config.effectiveHttpInstances() + 4);
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(loops));
    Metrics metrics = new Metrics();
    // The event-loop group is Vert.x-internal API; it is the only way to see Netty's task queues.
    RuntimeMeters runtimeMeters = config.jvmMetrics()
        ? new RuntimeMeters(metrics.registry(), ((VertxInternal) vertx).eventLoopGroup())
        : null;
    DurableState durable;
    try {
      durable = opening.join();
    } catch (CompletionException e) {
      return vertx.close().transform(v -> Future.failedFuture(e.getCause()));
    }
    if (durable != null) {
      durable.meter(metrics);
    }
    StateStore store = durable == null ? new StateStore(vertx)
        : new StateStore(vertx, durable.restored(), durable.journal());
    registerStateMeters(metrics, store);
    GarbageCollector gc = new GarbageCollector(vertx, store, config.gc(),
        durable == null ? new TimeTable() : durable.timeTable());
    gc.start();
    logStateChanges(vertx);
    Lifecycle lifecycle = new Lifecycle();
    ConnectionLimiter limiter = new ConnectionLimiter(config);
    TimeScale scale = new TimeScale(config.fleet().timeScale());
    // Plans ask the real scheduler; with scheduling off there is nothing to place on, and plans
    // answer from counts and specs alone.
    PlanScheduler plans = config.scheduler().enabled() ? new SchedulerDryRun(scale) : new CountingPlanScheduler();
    int instances = config.effectiveHttpInstances();
    List<HttpVerticle> fronts = new ArrayList<>();
    List<Future<?>> deployed = new ArrayList<>();
    deployed.add(vertx.deployVerticle(new PeriodicLauncher(store), new DeploymentOptions()));
    for (int i = 0; i < instances; i++) {
      HttpVerticle front = new HttpVerticle(config, store, metrics, lifecycle, limiter, plans, gc);
      fronts.add(front);
      deployed.add(vertx.deployVerticle(front, new DeploymentOptions()));
    }
    SchedulerService scheduler = config.scheduler().enabled()
        ? new SchedulerService(vertx, store, metrics, scale, config.scheduler().effectiveWorkers()) : null;
    Fleet fleet = new Fleet(vertx, store, config.fleet(), config.datacenter());
    // The scheduler listens before the fleet registers nodes, so no capacity change is missed.
    Future<Void> cluster = (scheduler == null ? Future.<Void>succeededFuture() : scheduler.start())
        .compose(v -> fleet.start());
    return Future.all(deployed).compose(v -> cluster)
        .map(v -> new Agent(vertx, config, store, metrics, runtimeMeters, lifecycle, fronts, durable, scheduler, fleet,
            fronts.get(0).actualPort()))
        .onSuccess(a -> LOG.info("agent started", "bind_addr", config.bindAddr(), "http_port", a.port,
            "http_instances", instances, "dev", config.dev(), "index", store.snapshot().index()))
        .onFailure(e -> vertx.close().onComplete(c -> closeDurable(durable)));
  }

  private static void closeDurable(DurableState durable) {
    if (durable != null) {
      durable.close();
    }
  }

  private static void registerStateMeters(Metrics metrics, StateStore store) {
    metrics.gauge(Metrics.STATE_INDEX, "The store's global index", store, s -> s.snapshot().index());
    rows(metrics, store, Table.JOBS, StateSnapshot::jobCount);
    rows(metrics, store, Table.EVALS, StateSnapshot::evalCount);
    rows(metrics, store, Table.ALLOCS, StateSnapshot::allocCount);
    rows(metrics, store, Table.DEPLOYMENT, StateSnapshot::deploymentCount);
  }

  private static void rows(Metrics metrics, StateStore store, Table table, ToIntFunction<StateSnapshot> count) {
    metrics.gauge(Metrics.STATE_ROWS, "Rows per table", store, s -> count.applyAsInt(s.snapshot()),
        "table", table.wireName());
  }

  /** One info line per committed write: its index and the tables it touched (never the keys: they are job IDs). */
  private static void logStateChanges(Vertx vertx) {
    vertx.eventBus().<StateChange>localConsumer(StateChange.ADDRESS, m -> {
      StateChange c = m.body();
      STATE_LOG.info("state change", "index", c.index(),
          "tables", String.join(",", c.tables().stream().map(Table::wireName).sorted().toList()),
          "keys", c.keys().size(), "restored", c.restored());
    });
  }

  public int port() {
    return port;
  }

  public StateStore store() {
    return store;
  }

  public Metrics metrics() {
    return metrics;
  }

  public AgentConfig config() {
    return config;
  }

  public Vertx vertx() {
    return vertx;
  }

  /**
   * Re-reads the TLS certificate, key and CA files (on SIGHUP): new connections get the new
   * certificate; open connections and parked requests are not disturbed. A file that does not
   * load fails the future and the old certificate stays.
   */
  public Future<Void> reloadTls() {
    if (!config.tls().enabled()) {
      return Future.succeededFuture();
    }
    List<Future<Boolean>> reloads = new ArrayList<>();
    for (HttpVerticle f : fronts) {
      reloads.add(f.reloadTls());
    }
    return Future.all(reloads).mapEmpty();
  }

  /** The simulated fleet, e.g. to add a node at runtime. */
  public Fleet fleet() {
    return fleet;
  }

  public Lifecycle lifecycle() {
    return lifecycle;
  }

  /**
   * The graceful stop (SIGTERM): readiness fails at once; after {@code shutdown.drain_delay} the
   * fronts stop accepting, every parked query is answered with its current index and
   * {@code Connection: close}, requests in flight finish; then Vert.x stops. Idempotent.
   */
  public synchronized Future<Void> shutdown() {
    if (shutdown != null) {
      return shutdown;
    }
    long begun = System.nanoTime();
    long cpuBegun = processCpuNanos();
    lifecycle.beginShutdown();
    LOG.info("shutdown begun", "parked", metrics.parkedTotal(), "drain_delay_ms", config.drainDelay().toMillis());
    Duration grace = config.shutdownTimeout().minus(config.drainDelay()).minus(EXIT_MARGIN);
    Duration frontGrace = grace.isNegative() || grace.isZero() ? Duration.ofMillis(100) : grace;
    shutdown = delay(config.drainDelay())
        .compose(v -> {
          List<Future<Void>> closing = new ArrayList<>();
          for (HttpVerticle f : fronts) {
            closing.add(f.shutdown(frontGrace));
          }
          return Future.join(closing);
        })
        .transform(ar -> {
          if (scheduler != null) {
            scheduler.stop();
          }
          if (runtimeMeters != null) {
            runtimeMeters.close();
          }
          // CPU next to wall time tells a slow stop from a starved one on a shared machine.
          LOG.info("shutdown done", "duration_ms", (System.nanoTime() - begun) / 1_000_000,
              "cpu_ms", (processCpuNanos() - cpuBegun) / 1_000_000);
          // The journal closes after Vert.x, so no write is still on its way to it.
          return vertx.close().eventually(() -> {
            closeDurable(durable);
            return Future.succeededFuture();
          });
        });
    return shutdown;
  }

  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : 0;
  }

  private Future<Void> delay(Duration d) {
    if (d.isZero()) {
      return Future.succeededFuture();
    }
    Promise<Void> p = Promise.promise();
    vertx.setTimer(d.toMillis(), id -> p.complete());
    return p.future();
  }

  /** Stops the agent; the same graceful path as {@link #shutdown()}. */
  public Future<Void> close() {
    return shutdown();
  }
}
