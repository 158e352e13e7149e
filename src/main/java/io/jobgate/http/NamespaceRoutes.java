package io.jobgate.http;

import io.jobgate.endpoint.Caller;
import io.jobgate.endpoint.NamespaceEndpoint;
import io.jobgate.endpoint.NamespaceRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/** HTTP handlers for {@code /v1/namespaces} and {@code /v1/namespace/...} (Nomad 1.x OSS). */
final class NamespaceRoutes {

  private static final String PREFIX = "/v1/namespace/";

  private final Api api;
  private final Auth auth;
  private final NamespaceEndpoint namespaces;

  NamespaceRoutes(Api api, Auth auth, NamespaceEndpoint namespaces) {
    this.api = api;
    this.auth = auth;
    this.namespaces = namespaces;
  }

  /** {@code GET /v1/namespaces}: those the caller holds any capability in. */
  void list(RoutingContext rc) {
    if (rc.request().method() != HttpMethod.GET) {
      api.methodNotAllowed(rc);
      return;
    }
    QueryOptions q = api.options(rc);
    Caller c = auth.caller(rc);
    api.read(rc, "/v1/namespaces", q, q.prefix() + '\u0000' + c.acl().visibilityKey(),
        namespaces.list(c, q.prefix()));
  }

  /** {@code PUT|POST /v1/namespace}: create or update, the name in the body. */
  void create(RoutingContext rc) {
    if (!JobRoutes.isWrite(rc)) {
      api.methodNotAllowed(rc);
      return;
    }
    update(rc, "");
  }

  /** {@code /v1/namespace/:name}: read, create or update, delete. */
  void namespace(RoutingContext rc) {
    String name = JobRoutes.decodedPath(rc).substring(PREFIX.length());
    if (name.isEmpty()) {
      throw HttpError.badRequest("Missing Namespace Name");
    }
    HttpMethod m = rc.request().method();
    if (m == HttpMethod.GET) {
      QueryOptions q = api.options(rc);
      api.read(rc, "/v1/namespace/:name", q, name, namespaces.namespace(auth.caller(rc), name));
    } else if (m == HttpMethod.PUT || m == HttpMethod.POST) {
      update(rc, name);
    } else if (m == HttpMethod.DELETE) {
      api.region(rc);
      api.writeNoBody(rc, namespaces.delete(auth.caller(rc), name));
    } else {
      api.methodNotAllowed(rc);
    }
  }

  /** A body without a Name takes the path's; a different one is refused as Nomad does. */
  private void update(RoutingContext rc, String pathName) {
    api.region(rc);
    NamespaceRequest ns = JsonCodec.decode(rc.body().buffer(), NamespaceRequest.class);
    if (!pathName.isEmpty()) {
      if (ns.name() == null || ns.name().isEmpty()) {
        ns = new NamespaceRequest(pathName, ns.description());
      } else if (!ns.name().equals(pathName)) {
        throw HttpError.badRequest("Namespace name does not match request path");
      }
    }
    api.writeNoBody(rc, namespaces.upsert(auth.caller(rc), ns));
  }
}
