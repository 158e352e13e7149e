package io.jobgate.http;

import io.jobgate.config.AgentConfig;
import io.jobgate.endpoint.AclEndpoint;
import io.jobgate.endpoint.AllocEndpoint;
import io.jobgate.endpoint.DeploymentEndpoint;
import io.jobgate.endpoint.EvalEndpoint;
import io.jobgate.endpoint.JobEndpoint;
import io.jobgate.endpoint.NamespaceEndpoint;
import io.jobgate.endpoint.OperatorEndpoint;
import io.jobgate.endpoint.NodeEndpoint;
import io.jobgate.endpoint.PeriodicEndpoint;
import io.jobgate.endpoint.PlanScheduler;
import io.jobgate.endpoint.SystemEndpoint;
import io.jobgate.metrics.Metrics;
import io.jobgate.metrics.Metrics.ConnectionLimit;
import io.jobgate.persist.GarbageCollector;
import io.jobgate.state.StateChange;
import io.jobgate.state.StateStore;
import io.jobgate.watch.WaiterRegistry;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP front: deployed once per core on the same port. Each instance owns its event loop's
 * {@link WaiterRegistry} and listens for state changes on that loop, so parked requests are woken
 * where they live, without locks.
 */
public final class HttpVerticle extends VerticleBase {

  /** How long a refused connection may stay open waiting to send its request and read the 429. */
  private static final long REFUSED_GRACE_MS = 1000;

  private final AgentConfig config;
  private final StateStore store;
  private final Metrics metrics;
  private final Lifecycle lifecycle;
  private final ConnectionLimiter limiter;
  private final PlanScheduler planScheduler;
  private final GarbageCollector gc;
  /** Connections over a limit, with the limit they broke; their one request gets a 429. */
  private final Map<HttpConnection, ConnectionLimit> refused = new IdentityHashMap<>();
  private WaiterRegistry waiters;
  private HttpServer server;
  private Router router;

  public HttpVerticle(AgentConfig config, StateStore store, Metrics metrics, Lifecycle lifecycle,
      ConnectionLimiter limiter, PlanScheduler planScheduler, GarbageCollector gc) {
    this.config = config;
    this.store = store;
    this.metrics = metrics;
    this.lifecycle = lifecycle;
    this.limiter = limiter;
    this.planScheduler = planScheduler;
    this.gc = gc;
  }

  @Override
  public Future<?> start() {
    waiters = new WaiterRegistry(vertx, store, metrics, config.sweepInterval().toMillis());
    waiters.start();
    MessageConsumer<StateChange> consumer = vertx.eventBus().localConsumer(StateChange.ADDRESS,
        msg -> waiters.onChange(msg.body()));
    Api api = new Api(config, waiters);
    JobEndpoint jobs = new JobEndpoint(store, planScheduler);
    AclEndpoint acl = new AclEndpoint(store, config.aclEnabled());
    Auth auth = new Auth(acl);
    router = Routes.create(vertx, api, new RequestObserver(metrics, lifecycle),
        new JobRoutes(api, jobs, new PeriodicEndpoint(store), auth),
        new AgentRoutes(api, metrics, lifecycle, config.prometheus()), new AclRoutes(api, auth, acl),
        new NamespaceRoutes(api, auth, new NamespaceEndpoint(store)),
        new OperatorRoutes(api, auth, new OperatorEndpoint(vertx, store,
            Path.of(config.dev() ? System.getProperty("java.io.tmpdir") : config.dataDir()))),
        new SystemRoutes(api, auth, new SystemEndpoint(gc, store)),
        new Routes.ClusterRoutes(new AllocRoutes(api, auth, new AllocEndpoint()),
            new EvalRoutes(api, auth, new EvalEndpoint()), new NodeRoutes(api, auth, new NodeEndpoint()),
            new DeploymentRoutes(api, auth, new DeploymentEndpoint(store))),
        config.maxBodyBytes());
    HttpServerOptions options = new HttpServerOptions()
        .setHost(config.bindAddr())
        .setPort(config.httpPort())
        .setTcpNoDelay(true)
        .setReuseAddress(true)
        .setIdleTimeout(0)
        // No cleartext HTTP/2 (Nomad has none either): a plain connection is then HTTP/1.1 from
        // its first byte, so the per-client cap counts it on accept, not when it first speaks.
        // HTTP/2 is offered over TLS by ALPN.
        .setHttp2ClearTextEnabled(false)
        // No WebSockets here: without these Vert.x puts a WebSocket extension handler in every
        // connection's pipeline, and every answer (20,000 of them at shutdown) passes through it.
        .setPerMessageWebSocketCompressionSupported(false)
        .setPerFrameWebSocketCompressionSupported(false);
    if (config.tls().enabled()) {
      TlsOptions.apply(options, config.tls());
    }
    server = vertx.createHttpServer(options)
        .connectionHandler(this::connected)
        .requestHandler(this::request);
    return consumer.completion().compose(v -> server.listen());
  }

  private void connected(HttpConnection conn) {
    metrics.connectionOpened();
    String client = conn.remoteAddress() == null ? "" : conn.remoteAddress().hostAddress();
    ConnectionLimit broken = limiter.admit(client);
    if (broken != null) {
      metrics.connectionRejected(broken);
      refused.put(conn, broken);
      // A refused client that never sends a request must not keep its socket.
      vertx.setTimer(REFUSED_GRACE_MS, id -> conn.close());
    }
    conn.closeHandler(v -> {
      metrics.connectionClosed();
      if (refused.remove(conn) == null) {
        limiter.release(client);
      }
    });
  }

  private void request(HttpServerRequest req) {
    ConnectionLimit broken = refused.isEmpty() ? null : refused.get(req.connection());
    if (broken == null) {
      router.handle(req);
      return;
    }
    // Nomad's answer (command/agent/http.go connLimiter), then the connection goes.
    String text = broken == ConnectionLimit.PER_CLIENT
        ? "Your IP is issuing too many concurrent connections, please rate limit your calls\n"
        : "Too many concurrent connections, please try again later\n";
    var response = req.response().setStatusCode(429);
    if (req.version() != HttpVersion.HTTP_2) {
      response.putHeader(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }
    response.end(text).onComplete(ar -> req.connection().close());
  }

  /**
   * Re-reads the certificate, key and CA files: new handshakes use them, while open connections
   * and the requests parked on them carry on untouched.
   */
  public Future<Boolean> reloadTls() {
    return server.updateSSLOptions(TlsOptions.serverSsl(config.tls()), true);
  }

  /**
   * Stops taking connections and answers every parked request now with its current result (the
   * clients re-park elsewhere). Requests in flight, writes included, finish within {@code grace};
   * whatever is still open then is closed. Call once {@link Lifecycle#beginShutdown()} has run, so
   * every answer carries {@code Connection: close}.
   */
  public Future<Void> shutdown(Duration grace) {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      // Every answer is written before the server starts closing connections, so none is closed
      // with its answer unwritten; the now idle connections are then closed at once.
      waiters.drain();
      server.shutdown(grace.toMillis(), TimeUnit.MILLISECONDS).onComplete(done);
    });
    return done.future();
  }

  public int actualPort() {
    return server.actualPort();
  }
}
