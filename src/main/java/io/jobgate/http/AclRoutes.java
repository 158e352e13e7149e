package io.jobgate.http;

import io.jobgate.endpoint.AclEndpoint;
import io.jobgate.endpoint.AclPolicyRequest;
import io.jobgate.endpoint.AclTokenRequest;
import io.jobgate.endpoint.Caller;
import io.jobgate.state.AclTables;
import io.jobgate.structs.AclToken;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * HTTP handlers for {@code /v1/acl/...} (Nomad's {@code command/agent/acl_endpoint.go}): parse,
 * call {@link AclEndpoint}, reply. Reads block like every other read.
 */
final class AclRoutes {

  private static final String POLICY_PREFIX = "/v1/acl/policy/";
  private static final String TOKEN_PREFIX = "/v1/acl/token/";

  private final Api api;
  private final Auth auth;
  private final AclEndpoint acl;

  AclRoutes(Api api, Auth auth, AclEndpoint acl) {
    this.api = api;
    this.auth = auth;
    this.acl = acl;
  }

  /** {@code PUT|POST /v1/acl/bootstrap}: the first management token, with its secret. */
  void bootstrap(RoutingContext rc) {
    if (!JobRoutes.isWrite(rc)) {
      api.methodNotAllowed(rc);
      return;
    }
    api.region(rc);
    api.write(rc, acl.bootstrap(), AclToken::modifyIndex);
  }

  /** {@code GET /v1/acl/policies}. */
  void policies(RoutingContext rc) {
    if (rc.request().method() != HttpMethod.GET) {
      api.methodNotAllowed(rc);
      return;
    }
    QueryOptions q = api.options(rc);
    Caller c = auth.caller(rc);
    String visibility = c.acl().isManagement() ? "management" : String.join(",", c.token().policies());
    api.read(rc, "/v1/acl/policies", q, q.prefix() + '\u0000' + visibility, acl.policies(c, q.prefix()));
  }

  /** {@code /v1/acl/policy/:name}: read, create or replace, delete. */
  void policy(RoutingContext rc) {
    String name = JobRoutes.decodedPath(rc).substring(POLICY_PREFIX.length());
    if (name.isEmpty()) {
      throw HttpError.badRequest("Missing Policy Name");
    }
    HttpMethod m = rc.request().method();
    if (m == HttpMethod.GET) {
      QueryOptions q = api.options(rc);
      api.read(rc, "/v1/acl/policy/:name", q, name, acl.policy(auth.caller(rc), name));
    } else if (m == HttpMethod.PUT || m == HttpMethod.POST) {
      api.region(rc);
      AclPolicyRequest policy = JsonCodec.decode(rc.body().buffer(), AclPolicyRequest.class);
      if (!name.equals(policy.name())) {
        throw HttpError.badRequest("ACL policy name does not match request path");
      }
      api.writeNoBody(rc, acl.upsertPolicy(auth.caller(rc), policy));
    } else if (m == HttpMethod.DELETE) {
      api.region(rc);
      api.writeNoBody(rc, acl.deletePolicy(auth.caller(rc), name));
    } else {
      api.methodNotAllowed(rc);
    }
  }

  /** {@code GET /v1/acl/tokens}: stubs without secrets. */
  void tokens(RoutingContext rc) {
    if (rc.request().method() != HttpMethod.GET) {
      api.methodNotAllowed(rc);
      return;
    }
    QueryOptions q = api.options(rc);
    api.read(rc, "/v1/acl/tokens", q, q.prefix(), acl.tokens(auth.caller(rc), q.prefix()));
  }

  /** {@code PUT|POST /v1/acl/token}: a new token. */
  void createToken(RoutingContext rc) {
    if (!JobRoutes.isWrite(rc)) {
      api.methodNotAllowed(rc);
      return;
    }
    updateToken(rc, "");
  }

  /** {@code /v1/acl/token/self} and {@code /v1/acl/token/:accessor_id}. */
  void token(RoutingContext rc) {
    String accessor = JobRoutes.decodedPath(rc).substring(TOKEN_PREFIX.length());
    HttpMethod m = rc.request().method();
    if (accessor.equals("self")) {
      if (m != HttpMethod.GET) {
        api.methodNotAllowed(rc);
        return;
      }
      // Keyed by the secret's hash: watchers of one token share an answer, no secret sits in a key.
      QueryOptions q = api.options(rc);
      String secret = auth.secret(rc);
      String question = secret == null || secret.isEmpty() ? "" : AclTables.secretHash(secret);
      api.read(rc, "/v1/acl/token/self", q, question, acl.self(secret));
      return;
    }
    if (accessor.isEmpty()) {
      throw HttpError.badRequest("Missing Token Accessor");
    }
    if (m == HttpMethod.GET) {
      QueryOptions q = api.options(rc);
      api.read(rc, "/v1/acl/token/:accessor_id", q, accessor, acl.token(auth.caller(rc), accessor));
    } else if (m == HttpMethod.PUT || m == HttpMethod.POST) {
      updateToken(rc, accessor);
    } else if (m == HttpMethod.DELETE) {
      api.region(rc);
      api.writeNoBody(rc, acl.deleteToken(auth.caller(rc), accessor));
    } else {
      api.methodNotAllowed(rc);
    }
  }

  private void updateToken(RoutingContext rc, String pathAccessor) {
    api.region(rc);
    AclTokenRequest token = JsonCodec.decode(rc.body().buffer(), AclTokenRequest.class);
    if (!pathAccessor.isEmpty() && !pathAccessor.equals(token.accessorID())) {
      throw HttpError.badRequest("ACL token accessor does not match request path");
    }
    api.write(rc, acl.upsertToken(auth.caller(rc), token), AclToken::modifyIndex);
  }
}
