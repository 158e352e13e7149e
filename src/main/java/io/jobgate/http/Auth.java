package io.jobgate.http;

import io.jobgate.endpoint.AclEndpoint;
import io.jobgate.endpoint.Caller;
import io.jobgate.endpoint.Permissions;
import io.vertx.ext.web.RoutingContext;

/**
 * Who a request is: the {@code X-Nomad-Token} header resolved into a {@link Caller} (spec §1.4).
 * There is no query-parameter form, so a secret never lands in an access log's URL.
 */
final class Auth {

  static final String TOKEN_HEADER = "X-Nomad-Token";

  private final AclEndpoint acl;

  Auth(AclEndpoint acl) {
    this.acl = acl;
  }

  Caller caller(RoutingContext rc) {
    return acl.resolve(rc.request().getHeader(TOKEN_HEADER));
  }

  /** The header, or else a secret the body carries (register's {@code SecretID}, spec §1.2). */
  Caller caller(RoutingContext rc, String bodySecret) {
    String header = rc.request().getHeader(TOKEN_HEADER);
    return acl.resolve(header != null && !header.isEmpty() ? header : bodySecret);
  }

  /** The caller, refused with 403 unless it holds {@code capability} in {@code namespace}. */
  Caller require(RoutingContext rc, String namespace, String capability) {
    Caller c = caller(rc);
    Permissions.requireNamespace(c.acl(), namespace, capability);
    return c;
  }

  String secret(RoutingContext rc) {
    return rc.request().getHeader(TOKEN_HEADER);
  }
}
