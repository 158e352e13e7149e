package io.jobgate.http;

import io.jobgate.endpoint.DeploymentEndpoint;
import io.jobgate.endpoint.DeploymentPromoteRequest;
import io.jobgate.endpoint.DeploymentUpdateResponse;
import io.jobgate.acl.Capabilities;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code /v1/deployments} and {@code /v1/deployment/...} (Nomad's {@code deployment_endpoint.go}):
 * {@code promote/:id}, {@code fail/:id}, {@code allocations/:id}, else {@code :id}.
 */
final class DeploymentRoutes {

  private static final String PREFIX = "/v1/deployment/";

  private final Api api;
  private final Auth auth;
  private final DeploymentEndpoint deployments;

  DeploymentRoutes(Api api, Auth auth, DeploymentEndpoint deployments) {
    this.api = api;
    this.auth = auth;
    this.deployments = deployments;
  }

  void deploymentsRequest(RoutingContext rc) {
    if (rc.request().method() != HttpMethod.GET) {
      api.methodNotAllowed(rc);
      return;
    }
    QueryOptions q = api.options(rc);
    auth.require(rc, q.namespace(), Capabilities.READ_JOB);
    api.read(rc, "/v1/deployments", q, q.namespace() + '\u0000' + q.prefix(),
        deployments.list(q.namespace(), q.prefix()));
  }

  void deploymentSpecificRequest(RoutingContext rc) {
    String rest = rc.request().path().substring(PREFIX.length());
    if (rest.startsWith("promote/")) {
      promote(rc, rest.substring("promote/".length()));
    } else if (rest.startsWith("fail/")) {
      fail(rc, rest.substring("fail/".length()));
    } else if (rc.request().method() != HttpMethod.GET) {
      api.methodNotAllowed(rc);
    } else {
      QueryOptions q = api.options(rc);
      auth.require(rc, q.namespace(), Capabilities.READ_JOB);
      if (rest.startsWith("allocations/")) {
        String id = rest.substring("allocations/".length());
        api.read(rc, "/v1/deployment/allocations/:id", q, id, deployments.allocations(id));
      } else {
        api.read(rc, "/v1/deployment/:id", q, rest, deployments.get(rest));
      }
    }
  }

  private void promote(RoutingContext rc, String id) {
    if (!isWrite(rc)) {
      api.methodNotAllowed(rc);
      return;
    }
    api.region(rc);
    auth.require(rc, QueryOptions.namespace(rc.request()), Capabilities.SUBMIT_JOB);
    DeploymentPromoteRequest req = JsonCodec.decode(rc.body().buffer(), DeploymentPromoteRequest.class);
    if (req.deploymentId() == null || req.deploymentId().isEmpty()) {
      throw HttpError.badRequest("DeploymentID must be specified");
    }
    if (!req.deploymentId().equals(id)) {
      throw HttpError.badRequest("Deployment ID does not match");
    }
    Set<String> groups = req.groups() == null ? Set.of() : new HashSet<>(req.groups());
    api.write(rc, deployments.promote(id, Boolean.TRUE.equals(req.all()), groups), DeploymentUpdateResponse::index);
  }

  private void fail(RoutingContext rc, String id) {
    if (!isWrite(rc)) {
      api.methodNotAllowed(rc);
      return;
    }
    api.region(rc);
    auth.require(rc, QueryOptions.namespace(rc.request()), Capabilities.SUBMIT_JOB);
    api.write(rc, deployments.fail(id), DeploymentUpdateResponse::index);
  }

  private static boolean isWrite(RoutingContext rc) {
    HttpMethod m = rc.request().method();
    return m == HttpMethod.PUT || m == HttpMethod.POST;
  }
}
