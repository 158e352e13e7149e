package io.jobgate.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.PlatformHandler;

/**
 * The flat route table: every path the agent serves, in one place (Nomad's {@code registerHandlers}).
 * Each line names its route template, which metrics and logs use instead of the path.
 */
final class Routes {

  private Routes() {
  }

  /** The handlers of the scheduler's nouns: allocations, evaluations, nodes, deployments. */
  record ClusterRoutes(AllocRoutes allocs, EvalRoutes evals, NodeRoutes nodes, DeploymentRoutes deployments) {
  }

  static Router create(Vertx vertx, Api api, RequestObserver observer, JobRoutes jobs, AgentRoutes agent,
      AclRoutes acl, NamespaceRoutes namespaces, OperatorRoutes operator, SystemRoutes system, ClusterRoutes cluster,
      long maxBodyBytes) {
    Router r = Router.router(vertx);
    BodyHandler body = BodyHandler.create(false).setBodyLimit(maxBodyBytes);
    r.route().handler(observer::handle);

    on(r.route("/v1/jobs"), "/v1/jobs", body, jobs::jobsRequest);
    // The template is refined by JobRoutes once it has read the suffix (/v1/job/:id/versions, ...).
    on(r.routeWithRegex("^/v1/job/.*"), "/v1/job/:id", body, jobs::jobSpecificRequest);
    on(r.route("/v1/job"), "/v1/job", body,
        rc -> rc.response().setStatusCode(301).putHeader("Location", "/v1/job/").end());
    on(r.route("/v1/validate/job"), "/v1/validate/job", body, jobs::validateRequest);

    on(r.route("/v1/allocations"), "/v1/allocations", body, cluster.allocs()::allocsRequest);
    on(r.routeWithRegex("^/v1/allocation/.+"), "/v1/allocation/:id", body, cluster.allocs()::allocSpecificRequest);
    on(r.route("/v1/evaluations"), "/v1/evaluations", body, cluster.evals()::evalsRequest);
    // The evaluation, node and deployment handlers refine the template once they read the suffix.
    on(r.routeWithRegex("^/v1/evaluation/.+"), "/v1/evaluation/:id", body, cluster.evals()::evalSpecificRequest);
    on(r.route("/v1/nodes"), "/v1/nodes", body, cluster.nodes()::nodesRequest);
    on(r.routeWithRegex("^/v1/node/.+"), "/v1/node/:id", body, cluster.nodes()::nodeSpecificRequest);
    on(r.route("/v1/deployments"), "/v1/deployments", body, cluster.deployments()::deploymentsRequest);
    on(r.routeWithRegex("^/v1/deployment/.+"), "/v1/deployment/:id", body,
        cluster.deployments()::deploymentSpecificRequest);

    on(r.route("/v1/acl/bootstrap"), "/v1/acl/bootstrap", body, acl::bootstrap);
    on(r.route("/v1/acl/policies"), "/v1/acl/policies", body, acl::policies);
    on(r.routeWithRegex("^/v1/acl/policy/.*"), "/v1/acl/policy/:name", body, acl::policy);
    on(r.route("/v1/acl/tokens"), "/v1/acl/tokens", body, acl::tokens);
    on(r.routeWithRegex("^/v1/acl/token/.*"), "/v1/acl/token/:accessor_id", body, acl::token);
    on(r.route("/v1/acl/token"), "/v1/acl/token", body, acl::createToken);
    on(r.route("/v1/namespaces"), "/v1/namespaces", body, namespaces::list);
    on(r.routeWithRegex("^/v1/namespace/.*"), "/v1/namespace/:name", body, namespaces::namespace);
    on(r.route("/v1/namespace"), "/v1/namespace", body, namespaces::create);

    // No body handler: a snapshot streams to disk and may be larger than the body limit.
    r.route("/v1/operator/snapshot").handler(new Name("/v1/operator/snapshot")).handler(operator::snapshot);
    on(r.route("/v1/system/gc"), "/v1/system/gc", body, system::garbageCollect);

    on(r.route("/v1/agent/health"), "/v1/agent/health", body, agent::health);
    on(r.route("/v1/metrics"), "/v1/metrics", body, agent::metrics);
    // jobgate's own operational endpoints, outside Nomad's /v1 API.
    on(r.route("/metrics"), "/metrics", body, agent::prometheus);
    on(r.route("/ready"), "/ready", body, agent::ready);

    r.route().last().handler(rc -> Api.text(rc, 404, "Invalid URL path: " + rc.request().path()));
    r.route().failureHandler(api::failure);
    return r;
  }

  /** Names the route, reads the body (within the limit), then runs the handler. */
  private static void on(Route route, String template, BodyHandler body, Handler<RoutingContext> handler) {
    route.handler(new Name(template)).handler(body).handler(handler);
  }

  /**
   * Puts the route template on the request. A platform handler, because Vert.x Web runs those
   * before the body handler: a body refused with 413 is still counted under its route.
   */
  private record Name(String template) implements PlatformHandler {
    @Override
    public void handle(RoutingContext rc) {
      rc.put(RequestObserver.ROUTE, template);
      rc.next();
    }
  }
}
