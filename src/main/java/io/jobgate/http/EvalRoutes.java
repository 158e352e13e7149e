package io.jobgate.http;

import io.jobgate.endpoint.EvalEndpoint;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/** {@code /v1/evaluations} and {@code /v1/evaluation/:id[/allocations]} (Nomad's {@code eval_endpoint.go}). */
final class EvalRoutes {

  private static final String PREFIX = "/v1/evaluation/";
  private static final String ALLOCATIONS = "/allocations";

  private final Api api;
  private final EvalEndpoint evals;

  EvalRoutes(Api api, EvalEndpoint evals) {
    this.api = api;
    this.evals = evals;
  }

  void evalsRequest(RoutingContext rc) {
    if (rc.request().method() != HttpMethod.GET) {
      api.methodNotAllowed(rc);
      return;
    }
    QueryOptions q = api.options(rc);
    api.read(rc, "/v1/evaluations", q, q.prefix(), evals.list(q.prefix()));
  }

  void evalSpecificRequest(RoutingContext rc) {
    if (rc.request().method() != HttpMethod.GET) {
      api.methodNotAllowed(rc);
      return;
    }
    String rest = rc.request().path().substring(PREFIX.length());
    QueryOptions q = api.options(rc);
    if (rest.endsWith(ALLOCATIONS)) {
      String id = rest.substring(0, rest.length() - ALLOCATIONS.length());
      api.read(rc, "/v1/evaluation/:id/allocations", q, id, evals.allocations(id));
    } else {
      api.read(rc, "/v1/evaluation/:id", q, rest, evals.get(rest));
    }
  }
}
