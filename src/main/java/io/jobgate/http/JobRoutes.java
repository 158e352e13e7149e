package io.jobgate.http;

import io.jobgate.acl.Capabilities;
import io.jobgate.endpoint.Caller;
import io.jobgate.endpoint.EndpointException;
import io.jobgate.endpoint.JobDeregisterResponse;
import io.jobgate.endpoint.JobDispatchRequest;
import io.jobgate.endpoint.JobDispatchResponse;
import io.jobgate.endpoint.JobEndpoint;
import io.jobgate.endpoint.JobEvaluateRequest;
import io.jobgate.endpoint.JobPlanRequest;
import io.jobgate.endpoint.JobPlanResponse;
import io.jobgate.endpoint.JobRegisterRequest;
import io.jobgate.endpoint.JobRegisterResponse;
import io.jobgate.endpoint.JobRevertRequest;
import io.jobgate.endpoint.JobStabilityRequest;
import io.jobgate.endpoint.PeriodicEndpoint;
import io.jobgate.endpoint.PeriodicForceResponse;
import io.jobgate.endpoint.Permissions;
import io.jobgate.endpoint.StableResponse;
import io.jobgate.structs.Job;
import io.jobgate.structs.Namespace;
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
  /** {@code ?namespace=*} on a list: every namespace the caller may list (Nomad 0.12+). */
  static final String ALL_NAMESPACES = "*";
  /** Routed by suffix in Nomad's order ({@code JobSpecificRequest}), so job IDs may contain '/'. */
  private static final List<String> SUFFIXES = List.of("/evaluate", "/allocations", "/evaluations",
      "/periodic/force", "/plan", "/summary", "/dispatch", "/versions", "/revert", "/deployments", "/deployment",
      "/stable");

  private final Api api;
  private final JobEndpoint jobs;
  private final PeriodicEndpoint periodic;
  private final Auth auth;

  JobRoutes(Api api, JobEndpoint jobs, PeriodicEndpoint periodic, Auth auth) {
    this.api = api;
    this.jobs = jobs;
    this.periodic = periodic;
    this.auth = auth;
  }

  /** {@code /v1/jobs}: list or register. */
  void jobsRequest(RoutingContext rc) {
    HttpMethod m = rc.request().method();
    if (m == HttpMethod.GET) {
      QueryOptions q = api.options(rc);
      if (ALL_NAMESPACES.equals(q.namespace())) {
        listAll(rc, q);
        return;
      }
      auth.require(rc, q.namespace(), Capabilities.LIST_JOBS);
      api.read(rc, "/v1/jobs", q, q.namespace() + '\u0000' + q.prefix(), jobs.list(q.namespace(), q.prefix()));
    } else if (m == HttpMethod.PUT || m == HttpMethod.POST) {
      register(rc, null);
    } else {
      api.methodNotAllowed(rc);
    }
  }

  /**
   * Lists across namespaces: refused only when no namespace allows listing; otherwise the jobs of
   * the namespaces that do, and the answer is shared only among callers with the same ACL.
   */
  private void listAll(RoutingContext rc, QueryOptions q) {
    Caller c = auth.caller(rc);
    if (!c.acl().allowOperationInSomeNamespace(Capabilities.LIST_JOBS)) {
      throw Permissions.denied();
    }
    api.read(rc, "/v1/jobs", q, ALL_NAMESPACES + '\u0000' + q.prefix() + '\u0000' + c.acl().visibilityKey(),
        jobs.listAll(q.prefix(), ns -> c.acl().allowNamespaceOperation(ns, Capabilities.LIST_JOBS)));
  }

  /** {@code /v1/job/<id>[/<suffix>]}: routed by suffix, so IDs may contain '/' (spec §1.1). */
  void jobSpecificRequest(RoutingContext rc) {
    String decoded = decodedPath(rc);
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
      case "/periodic/force" -> periodicForce(rc, id);
      case "/plan" -> plan(rc, id);
      case "/summary" -> anyMethodRead(rc, route, id, Sub.SUMMARY);
      case "/dispatch" -> dispatch(rc, id);
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
    auth.require(rc, ns, Capabilities.READ_JOB);
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
        boolean diffs = parseBool(rc, "diffs");
        api.read(rc, route, q, question + '\u0000' + diffs, jobs.versions(ns, id, diffs));
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
      auth.require(rc, q.namespace(), Capabilities.READ_JOB);
      api.read(rc, "/v1/job/:id", q, q.namespace() + '\u0000' + id, jobs.job(q.namespace(), id));
    } else if (m == HttpMethod.PUT || m == HttpMethod.POST) {
      register(rc, id);
    } else if (m == HttpMethod.DELETE) {
      api.region(rc);
      boolean purge = parseBool(rc, "purge");
      String ns = QueryOptions.namespace(rc.request());
      auth.require(rc, ns, Capabilities.SUBMIT_JOB);
      api.write(rc, jobs.deregister(ns, id, purge), JobDeregisterResponse::index);
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
    api.write(rc, jobs.register(req, () -> auth.caller(rc, req.secretID()).acl()), JobRegisterResponse::index);
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
    String ns = QueryOptions.namespace(rc.request());
    // Evaluate needs only read-job in Nomad (spec §7.11).
    auth.require(rc, ns, Capabilities.READ_JOB);
    api.write(rc, jobs.evaluate(ns, id, force), JobRegisterResponse::index);
  }

  /** {@code …/periodic/force}: no body; the job ID is the path's (spec §7.16). */
  private void periodicForce(RoutingContext rc, String id) {
    if (!isWrite(rc)) {
      api.methodNotAllowed(rc);
      return;
    }
    api.region(rc);
    String ns = QueryOptions.namespace(rc.request());
    auth.require(rc, ns, Capabilities.SUBMIT_JOB);
    api.write(rc, periodic.force(ns, id), PeriodicForceResponse::index);
  }

  /** {@code …/plan}: the job's own namespace applies, as on register (spec §7.12). */
  private void plan(RoutingContext rc, String id) {
    if (!isWrite(rc)) {
      api.methodNotAllowed(rc);
      return;
    }
    api.region(rc);
    JobPlanRequest req = JsonCodec.decode(rc.body().buffer(), JobPlanRequest.class);
    if (req.job() == null) {
      throw HttpError.badRequest("Job must be specified");
    }
    if (req.job().id() == null) {
      throw HttpError.badRequest("Job must have a valid ID");
    }
    if (!id.isEmpty() && !id.equals(req.job().id())) {
      throw HttpError.badRequest("Job ID does not match");
    }
    api.write(rc, jobs.plan(req, () -> auth.caller(rc).acl()), JobPlanResponse::index);
  }

  /** {@code …/dispatch}: a body is required; an empty body {@code JobID} means the path's (spec §7.13). */
  private void dispatch(RoutingContext rc, String id) {
    if (!isWrite(rc)) {
      api.methodNotAllowed(rc);
      return;
    }
    api.region(rc);
    JobDispatchRequest req = JsonCodec.decode(rc.body().buffer(), JobDispatchRequest.class);
    if (req.jobId() != null && !req.jobId().isEmpty() && !req.jobId().equals(id)) {
      throw HttpError.badRequest("Job ID does not match");
    }
    String ns = namespace(rc, req.namespace());
    auth.require(rc, ns, Capabilities.DISPATCH_JOB);
    api.write(rc, jobs.dispatch(ns, req.withJobId(id)), JobDispatchResponse::index);
  }

  private void revert(RoutingContext rc, String id) {
    if (!isWrite(rc)) {
      api.methodNotAllowed(rc);
      return;
    }
    api.region(rc);
    JobRevertRequest req = JsonCodec.decode(rc.body().buffer(), JobRevertRequest.class);
    checkBodyJobId(req.jobId(), id);
    String ns = namespace(rc, req.namespace());
    auth.require(rc, ns, Capabilities.SUBMIT_JOB);
    api.writeWithMeta(rc, jobs.revert(ns, req), JobRegisterResponse::index);
  }

  private void stable(RoutingContext rc, String id) {
    if (!isWrite(rc)) {
      api.methodNotAllowed(rc);
      return;
    }
    api.region(rc);
    JobStabilityRequest req = JsonCodec.decode(rc.body().buffer(), JobStabilityRequest.class);
    checkBodyJobId(req.jobId(), id);
    String ns = namespace(rc, req.namespace());
    auth.require(rc, ns, Capabilities.SUBMIT_JOB);
    api.write(rc, jobs.stable(ns, req), StableResponse::index);
  }

  /** Revert and stable name the job in their body as well; it must be the path's (spec §7.14, §7.15). */
  private static void checkBodyJobId(String bodyId, String pathId) {
    if (bodyId == null || bodyId.isEmpty()) {
      throw HttpError.badRequest("JobID must be specified");
    }
    if (!bodyId.equals(pathId)) {
      throw HttpError.badRequest("Job ID does not match");
    }
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
    // Unlike register, validate checks read-job in the job's namespace before validating.
    auth.require(rc, job.namespace() == null || job.namespace().isEmpty() ? Namespace.DEFAULT : job.namespace(),
        Capabilities.READ_JOB);
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

  static boolean isWrite(RoutingContext rc) {
    HttpMethod m = rc.request().method();
    return m == HttpMethod.PUT || m == HttpMethod.POST;
  }

  /** The URL-decoded path; a literal '+' stays a '+', as in Go's path decoding. */
  static String decodedPath(RoutingContext rc) {
    return URLDecoder.decode(rc.request().path().replace("+", "%2B"), StandardCharsets.UTF_8);
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
