package io.jobgate.http;

import io.jobgate.metrics.Metrics;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/** Agent endpoints: health (Nomad's shape), readiness, and metrics in Nomad's and Prometheus' forms. */
final class AgentRoutes {

  private static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final Api api;
  private final Metrics metrics;
  private final Lifecycle lifecycle;
  private final boolean prometheus;

  AgentRoutes(Api api, Metrics metrics, Lifecycle lifecycle, boolean prometheus) {
    this.api = api;
    this.metrics = metrics;
    this.lifecycle = lifecycle;
    this.prometheus = prometheus;
  }

  /**
   * {@code GET /v1/agent/health}: this agent is both server and client of its own cluster. It
   * stays healthy while shutting down: liveness must not restart an agent that is draining.
   */
  void health(RoutingContext rc) {
    if (rc.request().method() != HttpMethod.GET) {
      api.methodNotAllowed(rc);
      return;
    }
    Map<String, Object> ok = Map.of("ok", true, "message", "ok");
    api.json(rc, Map.of("client", ok, "server", ok));
  }

  /**
   * {@code GET /ready}: 200 while the agent takes new work, 503 from the moment shutdown begins,
   * so a load balancer stops sending it clients before its listener closes.
   */
  void ready(RoutingContext rc) {
    if (rc.request().method() != HttpMethod.GET) {
      api.methodNotAllowed(rc);
      return;
    }
    if (lifecycle.ready()) {
      Api.text(rc, 200, "ready");
    } else {
      Api.text(rc, 503, "shutting down");
    }
  }

  /** {@code GET /v1/metrics?format=prometheus} and {@code GET /metrics}: the Prometheus scrape. */
  void prometheus(RoutingContext rc) {
    if (rc.request().method() != HttpMethod.GET) {
      api.methodNotAllowed(rc);
      return;
    }
    if (!prometheus) {
      // Nomad's answer when telemetry.prometheus_metrics is off.
      Api.text(rc, 415, "Prometheus is not enabled");
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
