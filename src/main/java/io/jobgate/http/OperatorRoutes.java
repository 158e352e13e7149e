package io.jobgate.http;

import io.jobgate.endpoint.OperatorEndpoint;
import io.jobgate.endpoint.Permissions;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET|PUT /v1/operator/snapshot} (Nomad 1.x's {@code operator_endpoint.go}). Routed ahead
 * of the body handler: a snapshot is streamed to a temporary file, never held in memory or cut at
 * the request body limit.
 */
final class OperatorRoutes {

  private static final String SNAPSHOT_TYPE = "application/gzip";

  private final Api api;
  private final Auth auth;
  private final OperatorEndpoint operator;

  OperatorRoutes(Api api, Auth auth, OperatorEndpoint operator) {
    this.api = api;
    this.auth = auth;
    this.operator = operator;
  }

  /** Both directions hand over the whole state, tokens included: management tokens only, as in Nomad. */
  void snapshot(RoutingContext rc) {
    try {
      Permissions.requireManagement(auth.caller(rc).acl());
    } catch (RuntimeException e) {
      api.fail(rc, e);
      return;
    }
    HttpMethod m = rc.request().method();
    if (m == HttpMethod.GET) {
      save(rc);
    } else if (m == HttpMethod.PUT || m == HttpMethod.POST) {
      restore(rc);
    } else {
      api.methodNotAllowed(rc);
    }
  }

  private void save(RoutingContext rc) {
    operator.saveSnapshot().onComplete(ar -> {
      if (ar.failed()) {
        api.fail(rc, ar.cause());
        return;
      }
      OperatorEndpoint.Saved saved = ar.result();
      api.file(rc, saved.file(), SNAPSHOT_TYPE, saved.index())
          .onComplete(v -> rc.vertx().fileSystem().delete(saved.file().toString()));
    });
  }

  private void restore(RoutingContext rc) {
    // Held until the endpoint has a file to pipe it into: no chunk may arrive unread.
    rc.request().pause();
    api.writeNoBody(rc, operator.restoreSnapshot(rc.request()));
  }
}
