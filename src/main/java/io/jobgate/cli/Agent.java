package io.jobgate.cli;

import io.jobgate.config.AgentConfig;
import io.jobgate.endpoint.CountingPlanScheduler;
import io.jobgate.endpoint.PlanScheduler;
import io.jobgate.http.ConnectionCounter;
import io.jobgate.http.HttpVerticle;
import io.jobgate.metrics.Metrics;
import io.jobgate.periodic.PeriodicLauncher;
import io.jobgate.state.StateStore;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.ArrayList;
import java.util.List;

/** A running agent: the store, the HTTP fronts, and what they share. */
public final class Agent {

  private final Vertx vertx;
  private final AgentConfig config;
  private final StateStore store;
  private final Metrics metrics;
  private final List<HttpVerticle> fronts;
  private final int port;

  private Agent(Vertx vertx, AgentConfig config, StateStore store, Metrics metrics, List<HttpVerticle> fronts,
      int port) {
    this.vertx = vertx;
    this.config = config;
    this.store = store;
    this.metrics = metrics;
    this.fronts = fronts;
    this.port = port;
  }

  /** Starts an agent on its own Vert.x instance. */
  public static Future<Agent> start(AgentConfig config) {
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    Metrics metrics = new Metrics();
    StateStore store = new StateStore(vertx);
    metrics.gauge("jobgate.state.index", "The store's global index", store, s -> s.snapshot().index());
    // Counts-only plans until the scheduler's dry run is wired in.
    PlanScheduler plans = new CountingPlanScheduler();
    int instances = config.effectiveHttpInstances();
    // One count per client address across all fronts: a client's connections spread over them.
    ConnectionCounter connections = new ConnectionCounter(config.connectionLimits());
    List<HttpVerticle> fronts = new ArrayList<>();
    List<Future<?>> deployed = new ArrayList<>();
    deployed.add(vertx.deployVerticle(new PeriodicLauncher(store), new DeploymentOptions()));
    for (int i = 0; i < instances; i++) {
      HttpVerticle front = new HttpVerticle(config, store, metrics, plans, connections);
      fronts.add(front);
      deployed.add(vertx.deployVerticle(front, new DeploymentOptions()));
    }
    return Future.all(deployed)
        .map(v -> new Agent(vertx, config, store, metrics, fronts, fronts.get(0).actualPort()))
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

  public Future<Void> close() {
    for (HttpVerticle f : fronts) {
      f.drain();
    }
    return vertx.close();
  }
}
