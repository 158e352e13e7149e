package io.jobgate.http;

import io.jobgate.endpoint.AllocEndpoint;
import io.jobgate.acl.Capabilities;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/** {@code /v1/allocations} and {@code /v1/allocation/:id} (Nomad's {@code alloc_endpoint.go}). */
final class AllocRoutes {

  private static final String PREFIX = "/v1/allocation/";

  private final Api api;
  private final Auth auth;
  private final AllocEndpoint allocs;

  AllocRoutes(Api api, Auth auth, AllocEndpoint allocs) {
    this.api = api;
    this.auth = auth;
    this.allocs = allocs;
  }

  void allocsRequest(RoutingContext rc) {
    if (rc.request().method() != HttpMethod.GET) {
      api.methodNotAllowed(rc);
      return;
    }
    QueryOptions q = api.options(rc);
    auth.require(rc, q.namespace(), Capabilities.READ_JOB);
    api.read(rc, "/v1/allocations", q, q.namespace() + '\u0000' + q.prefix(), allocs.list(q.namespace(), q.prefix()));
  }

  void allocSpecificRequest(RoutingContext rc) {
    if (rc.request().method() != HttpMethod.GET) {
      api.methodNotAllowed(rc);
      return;
    }
    String id = rc.request().path().substring(PREFIX.length());
    QueryOptions q = api.options(rc);
    auth.require(rc, q.namespace(), Capabilities.READ_JOB);
    api.read(rc, "/v1/allocation/:id", q, id, allocs.get(id));
  }
}
