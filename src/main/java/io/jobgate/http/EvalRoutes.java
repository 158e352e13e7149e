package io.jobgate.http;

import io.jobgate.endpoint.EvalEndpoint;
import io.jobgate.acl.Capabilities;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/** {@code /v1/evaluations} and {@code /v1/evaluation/:id[/allocations]} (Nomad's {@code eval_endpoint.go}). */
final class EvalRoutes {

  private static final String PREFIX = "/v1/evaluation/";
  private static final String ALLOCATIONS = "/allocations";

  private final Api api;
  private final Auth auth;
  private final EvalEndpoint evals;

  EvalRoutes(Api api, Auth auth, EvalEndpoint evals) {
    this.api = api;
    this.auth = auth;
    this.evals = evals;
  }

  void evalsRequest(RoutingContext rc) {
    if (rc.request().method() != HttpMethod.GET) {
      api.methodNotAllowed(rc);
      return;
    }
    QueryOptions q = api.options(rc);
    auth.require(rc, q.namespace(), Capabilities.READ_JOB);
    api.read(rc, "/v1/evaluations", q, q.namespace() + '\u0000' + q.prefix(), evals.list(q.namespace(), q.prefix()));
  }

  void evalSpecificRequest(RoutingContext rc) {
    if (rc.request().method() != HttpMethod.GET) {
      api.methodNotAllowed(rc);
      return;
    }
    String rest = rc.request().path().substring(PREFIX.length());
    QueryOptions q = api.options(rc);
    auth.require(rc, q.namespace(), Capabilities.READ_JOB);
    if (rest.endsWith(ALLOCATIONS)) {
      String id = rest.substring(0, rest.length() - ALLOCATIONS.length());
      api.read(rc, "/v1/evaluation/:id/allocations", q, id, evals.allocations(id));
    } else {
      api.read(rc, "/v1/evaluation/:id", q, rest, evals.get(rest));
    }
  }
}
