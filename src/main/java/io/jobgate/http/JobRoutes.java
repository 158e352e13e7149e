package io.jobgate.http;

import io.jobgate.endpoint.EndpointException;
import io.jobgate.endpoint.JobDeregisterResponse;
import io.jobgate.endpoint.JobEndpoint;
import io.jobgate.endpoint.JobEvaluateRequest;
import io.jobgate.endpoint.JobRegisterRequest;
import io.jobgate.endpoint.JobRegisterResponse;
import io.jobgate.endpoint.JobRevertRequest;
import io.jobgate.endpoint.JobStabilityRequest;
import io.jobgate.endpoint.StableResponse;
import io.jobgate.structs.Job;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * HTTP handlers for {@code /v1/jobs} and {@code /v1/job/...} (Nomad's
 * {@code command/agent/job_endpoint.go}): parse, check, call {@link JobEndpoint}, reply.
 */
final class JobRoutes {

  static final String JOB_PREFIX = "/v1/job/";
  /** Routed by suffix, as Nomad's {@code JobSpecificRequest} does, so job IDs may contain '/'. */
  private static final List<String> SUFFIXES = List.of("/evaluate", "/allocations", "/evaluations", "/summary",
      "/versions", "/revert", "/deployments", "/deployment", "/stable");

  private final Api api;
  private final JobEndpoint jobs;

  JobRoutes(Api api, JobEndpoint jobs) {
    this.api = api;
    this.jobs = jobs;
  }

  /** {@code /v1/jobs}: list or register. */
  void jobsRequest(RoutingContext rc) {
    HttpMethod m = rc.request().method();
    if (m == HttpMethod.GET) {
      QueryOptions q = api.options(rc);
      api.read(rc, "/v1/jobs", q, q.namespace() + '\u0000' + q.prefix(), jobs.list(q.namespace(), q.prefix()));
    } else if (m == HttpMethod.PUT || m == HttpMethod.POST) {
      register(rc, null);
    } else {
      api.methodNotAllowed(rc);
    }
  }

  /** {@code /v1/job/<id>[/<suffix>]}: routed by suffix, so IDs may contain '/' (spec §1.1). */
  void jobSpecificRequest(RoutingContext rc) {
    String decoded = URLDecoder.decode(rc.request().path().replace("+", "%2B"), StandardCharsets.UTF_8);
    String cleaned = Paths.clean(decoded);
    if (!cleaned.equals(decoded)) {
      rc.response().setStatusCode(301).putHeader("Location", cleaned).end();
      return;
    }
    String rest = decoded.substring(JOB_PREFIX.length());
    String suffix = suffixOf(rest);
    String id = rest.substring(0, rest.length() - suffix.length());
    String route = "/v1/job/:id" + suffix;
    api.route(rc, route);
    switch (suffix) {
      case "/evaluate" -> evaluate(rc, id);
      case "/allocations" -> get(rc, route, id, Sub.ALLOCATIONS);
      case "/evaluations" -> get(rc, route, id, Sub.EVALUATIONS);
      case "/summary" -> anyMethodRead(rc, route, id, Sub.SUMMARY);
      case "/versions" -> anyMethodRead(rc, route, id, Sub.VERSIONS);
      case "/revert" -> revert(rc, id);
      case "/deployments" -> get(rc, route, id, Sub.DEPLOYMENTS);
      case "/deployment" -> get(rc, route, id, Sub.DEPLOYMENT);
      case "/stable" -> stable(rc, id);
      default -> crud(rc, id);
    }
  }

  /** The sub-resource a {@code /v1/job/} path ends with, or {@code ""} for the job itself. */
  private static String suffixOf(String rest) {
    for (String s : SUFFIXES) {
      if (rest.endsWith(s)) {
        return s;
      }
    }
    return "";
  }

  private enum Sub { ALLOCATIONS, EVALUATIONS, SUMMARY, VERSIONS, DEPLOYMENTS, DEPLOYMENT }

  private void get(RoutingContext rc, String route, String id, Sub sub) {
    if (rc.request().method() != HttpMethod.GET) {
      api.methodNotAllowed(rc);
      return;
    }
    anyMethodRead(rc, route, id, sub);
  }

  /** Summary and versions answer any method, as Nomad's handlers never check it (spec §1.1). */
  private void anyMethodRead(RoutingContext rc, String route, String id, Sub sub) {
    QueryOptions q = api.options(rc);
    String ns = q.namespace();
    String question = ns + '\u0000' + id;
    switch (sub) {
      case ALLOCATIONS -> {
        boolean all = "true".equalsIgnoreCase(rc.request().getParam("all"))
            || "1".equals(rc.request().getParam("all")) || "t".equalsIgnoreCase(rc.request().getParam("all"));
        api.read(rc, route, q, question + '\u0000' + all, jobs.allocations(ns, id, all));
      }
      case EVALUATIONS -> api.read(rc, route, q, question, jobs.evaluations(ns, id));
      case SUMMARY -> api.read(rc, route, q, question, jobs.summary(ns, id));
      case VERSIONS -> {
        parseBool(rc, "diffs");
        api.read(rc, route, q, question, jobs.versions(ns, id));
      }
      case DEPLOYMENTS -> api.read(rc, route, q, question, jobs.deployments(ns, id));
      case DEPLOYMENT -> api.read(rc, route, q, question, jobs.latestDeployment(ns, id));
      default -> throw new IllegalStateException(sub.name());
    }
  }

  private void crud(RoutingContext rc, String id) {
    HttpMethod m = rc.request().method();
    if (m == HttpMethod.GET) {
      QueryOptions q = api.options(rc);
      api.read(rc, "/v1/job/:id", q, q.namespace() + '\u0000' + id, jobs.job(q.namespace(), id));
    } else if (m == HttpMethod.PUT || m == HttpMethod.POST) {
      register(rc, id);
    } else if (m == HttpMethod.DELETE) {
      api.region(rc);
      boolean purge = parseBool(rc, "purge");
      api.write(rc, jobs.deregister(QueryOptions.namespace(rc.request()), id, purge), JobDeregisterResponse::index);
    } else {
      api.methodNotAllowed(rc);
    }
  }

  /** Register through {@code /v1/jobs} ({@code pathId == null}) or {@code /v1/job/:id} (spec §7.2). */
  private void register(RoutingContext rc, String pathId) {
    api.region(rc);
    JobRegisterRequest req = JsonCodec.decode(rc.body().buffer(), JobRegisterRequest.class);
    if (req.job() == null) {
      throw HttpError.badRequest("Job must be specified");
    }
    if (req.job().id() == null) {
      throw HttpError.badRequest("Job ID hasn't been provided");
    }
    if (pathId != null && !pathId.equals(req.job().id())) {
      throw HttpError.badRequest("Job ID does not match name");
    }
    api.write(rc, jobs.register(req), JobRegisterResponse::index);
  }

  private void evaluate(RoutingContext rc, String id) {
    if (!isWrite(rc)) {
      api.methodNotAllowed(rc);
      return;
    }
    api.region(rc);
    boolean force = false;
    if (rc.body().length() > 0) {
      JobEvaluateRequest req = JsonCodec.decode(rc.body().buffer(), JobEvaluateRequest.class);
      if (req.jobId() == null || req.jobId().isEmpty()) {
        throw HttpError.badRequest("Job ID must be specified");
      }
      if (!req.jobId().equals(id)) {
        throw HttpError.badRequest("JobID not same as job name");
      }
      force = req.forceReschedule();
    }
    api.write(rc, jobs.evaluate(QueryOptions.namespace(rc.request()), id, force), JobRegisterResponse::index);
  }

  private void revert(RoutingContext rc, String id) {
    if (!isWrite(rc)) {
      api.methodNotAllowed(rc);
      return;
    }
    api.region(rc);
    JobRevertRequest req = JsonCodec.decode(rc.body().buffer(), JobRevertRequest.class);
    if (req.jobId() == null || req.jobId().isEmpty()) {
      throw HttpError.badRequest("JobID must be specified");
    }
    if (!req.jobId().equals(id)) {
      throw HttpError.badRequest("Job ID does not match");
    }
    String ns = namespace(rc, req.namespace());
    api.writeWithMeta(rc, jobs.revert(ns, req), JobRegisterResponse::index);
  }

  private void stable(RoutingContext rc, String id) {
    if (!isWrite(rc)) {
      api.methodNotAllowed(rc);
      return;
    }
    api.region(rc);
    JobStabilityRequest req = JsonCodec.decode(rc.body().buffer(), JobStabilityRequest.class);
    if (req.jobId() == null || req.jobId().isEmpty()) {
      throw HttpError.badRequest("JobID must be specified");
    }
    if (!req.jobId().equals(id)) {
      throw HttpError.badRequest("Job ID does not match");
    }
    api.write(rc, jobs.stable(namespace(rc, req.namespace()), req), StableResponse::index);
  }

  /** {@code /v1/validate/job}: always a 200 with the validation outcome (spec §7.17). */
  void validateRequest(RoutingContext rc) {
    if (!isWrite(rc)) {
      api.methodNotAllowed(rc);
      return;
    }
    JobRegisterRequest req = JsonCodec.decode(rc.body().buffer(), JobRegisterRequest.class);
    Job job = req.job();
    if (job == null) {
      throw HttpError.badRequest("Job must be specified");
    }
    api.json(rc, jobs.validate(job));
  }

  /** The query parameter wins over a namespace in the body (spec §1.4). */
  private static String namespace(RoutingContext rc, String bodyNamespace) {
    String q = rc.request().getParam("namespace");
    if (q != null && !q.isEmpty()) {
      return q;
    }
    return bodyNamespace == null || bodyNamespace.isEmpty() ? "default" : bodyNamespace;
  }

  private static boolean isWrite(RoutingContext rc) {
    HttpMethod m = rc.request().method();
    return m == HttpMethod.PUT || m == HttpMethod.POST;
  }

  /** Go's {@code strconv.ParseBool} on a query parameter; empty means false (spec §1.6). */
  static boolean parseBool(RoutingContext rc, String name) {
    String v = rc.request().getParam(name);
    if (v == null || v.isEmpty()) {
      return false;
    }
    return switch (v) {
      case "1", "t", "T", "TRUE", "true", "True" -> true;
      case "0", "f", "F", "FALSE", "false", "False" -> false;
      default -> throw new EndpointException(EndpointException.Kind.INVALID, "Failed to parse value of \"" + name
          + "\" (" + v + ") as a bool: strconv.ParseBool: parsing \"" + v + "\": invalid syntax");
    };
  }
}
