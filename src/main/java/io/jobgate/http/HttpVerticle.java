package io.jobgate.http;

import io.jobgate.config.AgentConfig;
import io.jobgate.endpoint.AclEndpoint;
import io.jobgate.endpoint.JobEndpoint;
import io.jobgate.endpoint.PeriodicEndpoint;
import io.jobgate.endpoint.PlanScheduler;
import io.jobgate.endpoint.NamespaceEndpoint;
import io.jobgate.metrics.Metrics;
import io.jobgate.state.StateChange;
import io.jobgate.state.StateStore;
import io.jobgate.watch.WaiterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * One HTTP front: deployed once per core on the same port. Each instance owns its event loop's
 * {@link WaiterRegistry} and listens for state changes on that loop, so parked requests are woken
 * where they live, without locks.
 */
public final class HttpVerticle extends VerticleBase {

  /** Nomad's answer to a connection over {@code http_max_conns_per_client}. */
  static final String TOO_MANY_CONNECTIONS =
      "Your IP is issuing too many concurrent connections, please rate limit your calls\n";
  /** How long a refused connection may stay open to read its 429 before it is closed anyway. */
  private static final long REFUSED_GRACE_MS = 1000;

  private final AgentConfig config;
  private final StateStore store;
  private final Metrics metrics;
  private final PlanScheduler planScheduler;
  private final ConnectionCounter connections;
  /** Connections over the per-client cap, on this front's event loop only: no lock needed. */
  private final Set<HttpConnection> refused = Collections.newSetFromMap(new IdentityHashMap<>());
  private WaiterRegistry waiters;
  private HttpServer server;

  public HttpVerticle(AgentConfig config, StateStore store, Metrics metrics, PlanScheduler planScheduler,
      ConnectionCounter connections) {
    this.config = config;
    this.store = store;
    this.metrics = metrics;
    this.planScheduler = planScheduler;
    this.connections = connections;
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
    JobRoutes jobRoutes = new JobRoutes(api, jobs, new PeriodicEndpoint(store), auth);
    var router = Routes.create(vertx, api, jobRoutes, new AgentRoutes(api, metrics),
        new AclRoutes(api, auth, acl), new NamespaceRoutes(api, auth, new NamespaceEndpoint(store)),
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
        .setHttp2ClearTextEnabled(false);
    if (config.tls().enabled()) {
      TlsOptions.apply(options, config.tls());
    }
    server = vertx.createHttpServer(options)
        .connectionHandler(this::admit)
        .requestHandler(req -> handle(router, req));
    return consumer.completion().compose(v -> server.listen());
  }

  /** Counts a new connection against its client's cap; one over it only gets a 429. */
  private void admit(HttpConnection conn) {
    String host = conn.remoteAddress() == null ? null : conn.remoteAddress().hostAddress();
    if (host == null || !connections.limited(host)) {
      return;
    }
    if (connections.acquire(host)) {
      conn.closeHandler(v -> connections.release(host));
      return;
    }
    refused.add(conn);
    conn.closeHandler(v -> refused.remove(conn));
    vertx.setTimer(REFUSED_GRACE_MS, id -> conn.close());
  }

  private void handle(Router router, HttpServerRequest req) {
    if (!refused.isEmpty() && refused.contains(req.connection())) {
      var resp = req.response().setStatusCode(429).putHeader("Content-Type", "text/plain");
      if (req.version() != HttpVersion.HTTP_2) {
        resp.putHeader("Connection", "close");
      }
      resp.end(TOO_MANY_CONNECTIONS).onComplete(v -> req.connection().close());
      return;
    }
    router.handle(req);
  }

  /**
   * Re-reads the certificate, key and CA files: new handshakes use them, while open connections
   * and the requests parked on them carry on untouched.
   */
  public Future<Boolean> reloadTls() {
    return server.updateSSLOptions(TlsOptions.serverSsl(config.tls()), true);
  }

  /** Answers every parked request now with its current result; new reads are answered at once. */
  public void drain() {
    context.runOnContext(v -> waiters.drain());
  }

  public int actualPort() {
    return server.actualPort();
  }
}
