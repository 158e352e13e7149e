package io.jobgate.http;

import io.jobgate.config.AgentConfig;
import io.jobgate.endpoint.AllocEndpoint;
import io.jobgate.endpoint.DeploymentEndpoint;
import io.jobgate.endpoint.EvalEndpoint;
import io.jobgate.endpoint.JobEndpoint;
import io.jobgate.endpoint.NodeEndpoint;
import io.jobgate.metrics.Metrics;
import io.jobgate.state.StateChange;
import io.jobgate.state.StateStore;
import io.jobgate.watch.WaiterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

/**
 * One HTTP front: deployed once per core on the same port. Each instance owns its event loop's
 * {@link WaiterRegistry} and listens for state changes on that loop, so parked requests are woken
 * where they live, without locks.
 */
public final class HttpVerticle extends VerticleBase {

  private final AgentConfig config;
  private final StateStore store;
  private final Metrics metrics;
  private WaiterRegistry waiters;
  private HttpServer server;

  public HttpVerticle(AgentConfig config, StateStore store, Metrics metrics) {
    this.config = config;
    this.store = store;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    waiters = new WaiterRegistry(vertx, store, metrics, config.sweepInterval().toMillis());
    waiters.start();
    MessageConsumer<StateChange> consumer = vertx.eventBus().localConsumer(StateChange.ADDRESS,
        msg -> waiters.onChange(msg.body()));
    Api api = new Api(config, waiters);
    JobEndpoint jobs = new JobEndpoint(store);
    var handlers = new Routes.Handlers(new JobRoutes(api, jobs), new AllocRoutes(api, new AllocEndpoint()),
        new EvalRoutes(api, new EvalEndpoint()), new NodeRoutes(api, new NodeEndpoint()),
        new DeploymentRoutes(api, new DeploymentEndpoint(store)), new AgentRoutes(api, metrics));
    var router = Routes.create(vertx, api, handlers, config.maxBodyBytes());
    HttpServerOptions options = new HttpServerOptions()
        .setHost(config.bindAddr())
        .setPort(config.httpPort())
        .setTcpNoDelay(true)
        .setReuseAddress(true)
        .setIdleTimeout(0);
    server = vertx.createHttpServer(options).requestHandler(router);
    return consumer.completion().compose(v -> server.listen());
  }

  /** Answers every parked request now with its current result; new reads are answered at once. */
  public void drain() {
    context.runOnContext(v -> waiters.drain());
  }

  public int actualPort() {
    return server.actualPort();
  }
}
