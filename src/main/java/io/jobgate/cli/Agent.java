package io.jobgate.cli;

import io.jobgate.config.AgentConfig;
import io.jobgate.fleet.Fleet;
import io.jobgate.http.HttpVerticle;
import io.jobgate.metrics.Metrics;
import io.jobgate.scheduler.SchedulerService;
import io.jobgate.state.StateStore;
import io.jobgate.structs.TimeScale;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.ArrayList;
import java.util.List;

/** A running agent: the store, the scheduler, the simulated fleet, the HTTP fronts. */
public final class Agent {

  private final Vertx vertx;
  private final AgentConfig config;
  private final StateStore store;
  private final Metrics metrics;
  private final List<HttpVerticle> fronts;
  private final SchedulerService scheduler;
  private final Fleet fleet;
  private final int port;

  private Agent(Vertx vertx, AgentConfig config, StateStore store, Metrics metrics, List<HttpVerticle> fronts,
      SchedulerService scheduler, Fleet fleet, int port) {
    this.vertx = vertx;
    this.config = config;
    this.store = store;
    this.metrics = metrics;
    this.fronts = fronts;
    this.scheduler = scheduler;
    this.fleet = fleet;
    this.port = port;
  }

  /** Starts an agent on its own Vert.x instance. */
  public static Future<Agent> start(AgentConfig config) {
    // One event loop each for the store's writer, the broker, the deployment watcher, the fleet
    // and every HTTP front: a busy fleet must not delay commits that share its thread.
    int loops = Math.max(2 * Runtime.getRuntime().availableProcessors(), config.effectiveHttpInstances() + 4);
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(loops));
    Metrics metrics = new Metrics();
    StateStore store = new StateStore(vertx);
    metrics.gauge("jobgate.state.index", "The store's global index", store, s -> s.snapshot().index());
    int instances = config.effectiveHttpInstances();
    List<HttpVerticle> fronts = new ArrayList<>();
    List<Future<?>> deployed = new ArrayList<>();
    for (int i = 0; i < instances; i++) {
      HttpVerticle front = new HttpVerticle(config, store, metrics);
      fronts.add(front);
      deployed.add(vertx.deployVerticle(front, new DeploymentOptions()));
    }
    TimeScale scale = new TimeScale(config.fleet().timeScale());
    SchedulerService scheduler = config.scheduler().enabled()
        ? new SchedulerService(vertx, store, scale, config.scheduler().effectiveWorkers()) : null;
    Fleet fleet = new Fleet(vertx, store, config.fleet(), config.datacenter());
    // The scheduler listens before the fleet registers nodes, so no capacity change is missed.
    Future<Void> cluster = (scheduler == null ? Future.<Void>succeededFuture() : scheduler.start())
        .compose(v -> fleet.start());
    return Future.all(deployed).compose(v -> cluster)
        .map(v -> new Agent(vertx, config, store, metrics, fronts, scheduler, fleet, fronts.get(0).actualPort()))
        .onFailure(e -> vertx.close());
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

  /** The simulated fleet, e.g. to add a node at runtime. */
  public Fleet fleet() {
    return fleet;
  }

  public Future<Void> close() {
    if (scheduler != null) {
      scheduler.stop();
    }
    for (HttpVerticle f : fronts) {
      f.drain();
    }
    return vertx.close();
  }
}
