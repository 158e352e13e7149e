package io.jobgate.http;

import io.jobgate.endpoint.Permissions;
import io.jobgate.endpoint.SystemEndpoint;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/** {@code PUT /v1/system/gc} (Nomad's {@code system_endpoint.go}). */
final class SystemRoutes {

  private final Api api;
  private final Auth auth;
  private final SystemEndpoint system;

  SystemRoutes(Api api, Auth auth, SystemEndpoint system) {
    this.api = api;
    this.auth = auth;
    this.system = system;
  }

  /** Management tokens only, as Nomad's {@code System.GarbageCollect}. */
  void garbageCollect(RoutingContext rc) {
    if (rc.request().method() != HttpMethod.PUT) {
      api.methodNotAllowed(rc);
      return;
    }
    try {
      Permissions.requireManagement(auth.caller(rc).acl());
    } catch (RuntimeException e) {
      api.fail(rc, e);
      return;
    }
    api.writeNoBody(rc, system.garbageCollect());
  }
}
