package io.jobgate.http;

import io.jobgate.logging.Log;
import io.jobgate.metrics.Metrics;
import io.jobgate.watch.EncodedResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The first handler of every request: counts and times it by route template, method and status,
 * logs it at debug, and once shutdown has begun marks every answer {@code Connection: close} so
 * no client reuses a connection the agent is about to close.
 *
 * <p>Only answered requests are observed. A parked query whose client hangs up is counted by the
 * waiter registry (outcome {@code client_gone}), which owns the response's close handler.
 */
final class RequestObserver {

  /** Context key: the route template ({@code /v1/job/:id}) the request was served by. */
  static final String ROUTE = "jobgate.route";
  /** Context key: present when the request parked as a blocking query. */
  static final String PARKED = "jobgate.parked";
  /** The template of requests that matched no route. */
  static final String UNMATCHED = "unmatched";

  private static final Log LOG = Log.get("jobgate.http");

  private final Metrics metrics;
  private final Lifecycle lifecycle;

  RequestObserver(Metrics metrics, Lifecycle lifecycle) {
    this.metrics = metrics;
    this.lifecycle = lifecycle;
  }

  void handle(RoutingContext rc) {
    long start = System.nanoTime();
    rc.addHeadersEndHandler(v -> {
      if (lifecycle.shuttingDown()) {
        rc.response().headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      }
    });
    rc.addEndHandler(ar -> {
      // Over HTTP/2 the stream can close before the end is reported, so the context reports a
      // failure for an answer that was sent: what counts is whether the response ended.
      if (ar.succeeded() || rc.response().ended()) {
        answered(rc, System.nanoTime() - start);
      }
    });
    rc.next();
  }

  private void answered(RoutingContext rc, long nanos) {
    String route = rc.get(ROUTE, UNMATCHED);
    String method = rc.request().method().name();
    int status = rc.response().getStatusCode();
    boolean parked = rc.get(PARKED) != null;
    metrics.request(route, method, status, nanos, parked);
    if (LOG.debugEnabled()) {
      // Path and status, never headers or the query string: a token must not reach the log.
      List<Object> fields = new ArrayList<>(16);
      fields.addAll(List.of("method", method, "route", route, "path", rc.request().path(), "status", status,
          "duration_ms", nanos / 1_000_000.0, "parked", parked));
      String index = rc.response().headers().get(EncodedResponse.X_NOMAD_INDEX);
      if (index != null) {
        fields.add("index");
        fields.add(Long.parseLong(index));
      }
      LOG.debug("request", fields.toArray());
    }
  }
}
