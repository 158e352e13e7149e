package io.jobgate.http;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/** The flat route table: every path the agent serves, in one place (Nomad's {@code registerHandlers}). */
final class Routes {

  private Routes() {
  }

  /** The handlers of every noun, so the table below stays one flat list. */
  record Handlers(JobRoutes jobs, AllocRoutes allocs, EvalRoutes evals, NodeRoutes nodes,
      DeploymentRoutes deployments, AgentRoutes agent) {
  }

  static Router create(Vertx vertx, Api api, Handlers h, long maxBodyBytes) {
    JobRoutes jobs = h.jobs();
    AgentRoutes agent = h.agent();
    Router r = Router.router(vertx);
    r.route().handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes));

    r.route("/v1/jobs").handler(jobs::jobsRequest);
    r.routeWithRegex("^/v1/job/.*").handler(jobs::jobSpecificRequest);
    r.route("/v1/job").handler(rc -> rc.response().setStatusCode(301).putHeader("Location", "/v1/job/").end());
    r.route("/v1/validate/job").handler(jobs::validateRequest);

    r.route("/v1/allocations").handler(h.allocs()::allocsRequest);
    r.routeWithRegex("^/v1/allocation/.+").handler(h.allocs()::allocSpecificRequest);
    r.route("/v1/evaluations").handler(h.evals()::evalsRequest);
    r.routeWithRegex("^/v1/evaluation/.+").handler(h.evals()::evalSpecificRequest);
    r.route("/v1/nodes").handler(h.nodes()::nodesRequest);
    r.routeWithRegex("^/v1/node/.+").handler(h.nodes()::nodeSpecificRequest);
    r.route("/v1/deployments").handler(h.deployments()::deploymentsRequest);
    r.routeWithRegex("^/v1/deployment/.+").handler(h.deployments()::deploymentSpecificRequest);

    r.route("/v1/agent/health").handler(agent::health);
    r.route("/v1/metrics").handler(agent::metrics);
    r.route("/metrics").handler(agent::prometheus);

    r.route().last().handler(rc -> Api.text(rc, 404, "Invalid URL path: " + rc.request().path()));
    r.route().failureHandler(api::failure);
    return r;
  }
}
