package io.jobgate.http;

import io.jobgate.endpoint.SystemEndpoint;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/** {@code PUT /v1/system/gc} (Nomad's {@code system_endpoint.go}). */
final class SystemRoutes {

  private final Api api;
  private final SystemEndpoint system;

  SystemRoutes(Api api, SystemEndpoint system) {
    this.api = api;
    this.system = system;
  }

  void garbageCollect(RoutingContext rc) {
    if (rc.request().method() != HttpMethod.PUT) {
      api.methodNotAllowed(rc);
      return;
    }
    api.done(rc, system.garbageCollect().map(c -> 0L));
  }
}
