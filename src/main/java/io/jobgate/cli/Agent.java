package io.jobgate.cli;

import io.jobgate.config.AgentConfig;
import io.jobgate.http.HttpVerticle;
import io.jobgate.metrics.Metrics;
import io.jobgate.persist.DurableState;
import io.jobgate.persist.GarbageCollector;
import io.jobgate.persist.TimeTable;
import io.jobgate.state.StateStore;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A running agent: the store, the HTTP fronts, and what they share. */
public final class Agent {

  private final Vertx vertx;
  private final AgentConfig config;
  private final StateStore store;
  private final Metrics metrics;
  private final List<HttpVerticle> fronts;
  private final DurableState durable;
  private final int port;

  private Agent(Vertx vertx, AgentConfig config, StateStore store, Metrics metrics, List<HttpVerticle> fronts,
      DurableState durable, int port) {
    this.vertx = vertx;
    this.config = config;
    this.store = store;
    this.metrics = metrics;
    this.fronts = fronts;
    this.durable = durable;
    this.port = port;
  }

  /**
   * Starts an agent on its own Vert.x instance. Outside dev mode it first opens the data dir and
   * reads the state back, so it serves nothing until every acknowledged write is there again; a
   * data dir it cannot use fails the start with a {@link io.jobgate.persist.DataDirException}.
   */
  public static Future<Agent> start(AgentConfig config) {
    DurableState durable;
    try {
      durable = config.dev() ? null : DurableState.open(Path.of(config.dataDir()));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    Metrics metrics = new Metrics();
    StateStore store = durable == null ? new StateStore(vertx)
        : new StateStore(vertx, durable.restored(), durable.journal());
    metrics.gauge("jobgate.state.index", "The store's global index", store, s -> s.snapshot().index());
    GarbageCollector gc = new GarbageCollector(vertx, store, config.gc(),
        durable == null ? new TimeTable() : durable.timeTable());
    gc.start();
    int instances = config.effectiveHttpInstances();
    List<HttpVerticle> fronts = new ArrayList<>();
    List<Future<?>> deployed = new ArrayList<>();
    for (int i = 0; i < instances; i++) {
      HttpVerticle front = new HttpVerticle(config, store, metrics, gc);
      fronts.add(front);
      deployed.add(vertx.deployVerticle(front, new DeploymentOptions()));
    }
    return Future.all(deployed)
        .map(v -> new Agent(vertx, config, store, metrics, fronts, durable, fronts.get(0).actualPort()))
        .onFailure(e -> vertx.close().onComplete(c -> closeDurable(durable)));
  }

  private static void closeDurable(DurableState durable) {
    if (durable != null) {
      durable.close();
    }
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

  public Future<Void> close() {
    for (HttpVerticle f : fronts) {
      f.drain();
    }
    // The journal closes after Vert.x, so no write is still on its way to it.
    return vertx.close().eventually(() -> {
      closeDurable(durable);
      return Future.succeededFuture();
    });
  }
}
