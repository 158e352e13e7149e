package io.jobgate.http;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/** The flat route table: every path the agent serves, in one place (Nomad's {@code registerHandlers}). */
final class Routes {

  private Routes() {
  }

  static Router create(Vertx vertx, Api api, JobRoutes jobs, AgentRoutes agent, AclRoutes acl,
      NamespaceRoutes namespaces, long maxBodyBytes) {
    Router r = Router.router(vertx);
    r.route().handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes));

    r.route("/v1/jobs").handler(jobs::jobsRequest);
    r.routeWithRegex("^/v1/job/.*").handler(jobs::jobSpecificRequest);
    r.route("/v1/job").handler(rc -> rc.response().setStatusCode(301).putHeader("Location", "/v1/job/").end());
    r.route("/v1/validate/job").handler(jobs::validateRequest);

    r.route("/v1/acl/bootstrap").handler(acl::bootstrap);
    r.route("/v1/acl/policies").handler(acl::policies);
    r.routeWithRegex("^/v1/acl/policy/.*").handler(acl::policy);
    r.route("/v1/acl/tokens").handler(acl::tokens);
    r.routeWithRegex("^/v1/acl/token/.*").handler(acl::token);
    r.route("/v1/acl/token").handler(acl::createToken);
    r.route("/v1/namespaces").handler(namespaces::list);
    r.routeWithRegex("^/v1/namespace/.*").handler(namespaces::namespace);
    r.route("/v1/namespace").handler(namespaces::create);

    r.route("/v1/agent/health").handler(agent::health);
    r.route("/v1/metrics").handler(agent::metrics);
    r.route("/metrics").handler(agent::prometheus);

    r.route().last().handler(rc -> Api.text(rc, 404, "Invalid URL path: " + rc.request().path()));
    r.route().failureHandler(api::failure);
    return r;
  }
}
