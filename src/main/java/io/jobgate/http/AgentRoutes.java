package io.jobgate.http;

import io.jobgate.metrics.Metrics;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/** Agent endpoints: health (Nomad's shape) and metrics. */
final class AgentRoutes {

  private static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final Api api;
  private final Metrics metrics;

  AgentRoutes(Api api, Metrics metrics) {
    this.api = api;
    this.metrics = metrics;
  }

  /** {@code GET /v1/agent/health}: this agent is both server and client of its own cluster. */
  void health(RoutingContext rc) {
    if (rc.request().method() != HttpMethod.GET) {
      api.methodNotAllowed(rc);
      return;
    }
    Map<String, Object> ok = Map.of("ok", true, "message", "ok");
    api.json(rc, Map.of("client", ok, "server", ok));
  }

  /** {@code GET /v1/metrics?format=prometheus} and {@code GET /metrics}: the Prometheus scrape. */
  void prometheus(RoutingContext rc) {
    if (rc.request().method() != HttpMethod.GET) {
      api.methodNotAllowed(rc);
      return;
    }
    String body = metrics.registry().scrape();
    rc.response().putHeader(HttpHeaderNames.CONTENT_TYPE, PROMETHEUS_CONTENT_TYPE).end(body);
  }

  void metrics(RoutingContext rc) {
    if ("prometheus".equals(rc.request().getParam("format"))) {
      prometheus(rc);
    } else {
      api.json(rc, NomadMetricsJson.of(metrics.registry()));
    }
  }
}
