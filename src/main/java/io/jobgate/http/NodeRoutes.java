package io.jobgate.http;

import io.jobgate.endpoint.NodeEndpoint;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /v1/nodes} and {@code /v1/node/:id[/allocations]} (Nomad's {@code node_endpoint.go}).
 * Nomad guards these with {@code node:read}, a policy rule jobgate's ACLs do not model: any
 * known token (or none, as anonymous) may read them.
 */
final class NodeRoutes {

  private static final String PREFIX = "/v1/node/";
  private static final String ALLOCATIONS = "/allocations";

  private final Api api;
  private final Auth auth;
  private final NodeEndpoint nodes;

  NodeRoutes(Api api, Auth auth, NodeEndpoint nodes) {
    this.api = api;
    this.auth = auth;
    this.nodes = nodes;
  }

  void nodesRequest(RoutingContext rc) {
    if (rc.request().method() != HttpMethod.GET) {
      api.methodNotAllowed(rc);
      return;
    }
    QueryOptions q = api.options(rc);
    auth.caller(rc);
    api.read(rc, "/v1/nodes", q, q.prefix(), nodes.list(q.prefix()));
  }

  void nodeSpecificRequest(RoutingContext rc) {
    if (rc.request().method() != HttpMethod.GET) {
      api.methodNotAllowed(rc);
      return;
    }
    String rest = rc.request().path().substring(PREFIX.length());
    QueryOptions q = api.options(rc);
    auth.caller(rc);
    if (rest.endsWith(ALLOCATIONS)) {
      String id = rest.substring(0, rest.length() - ALLOCATIONS.length());
      api.read(rc, "/v1/node/:id/allocations", q, id, nodes.allocations(id));
    } else {
      api.read(rc, "/v1/node/:id", q, rest, nodes.get(rest));
    }
  }
}
