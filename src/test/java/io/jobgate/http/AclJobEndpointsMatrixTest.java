package io.jobgate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.jobgate.acl.Capabilities;
import io.jobgate.config.AgentConfig;
import io.jobgate.support.AclClient;
import io.jobgate.support.Jobs;
import io.jobgate.support.TestAgent;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Spec §16's table, endpoint by endpoint: a token holding exactly the capability the endpoint
 * needs gets through; a token holding every other capability, and the anonymous token, get
 * {@code 403 Permission denied}; the anonymous policy granting that one capability lets a request
 * without a token through.
 */
class AclJobEndpointsMatrixTest {

  private static final List<String> CAPABILITIES = List.of(Capabilities.LIST_JOBS, Capabilities.READ_JOB,
      Capabilities.SUBMIT_JOB, Capabilities.DISPATCH_JOB, Capabilities.READ_LOGS, Capabilities.READ_FS,
      Capabilities.SENTINEL_OVERRIDE);

  private static TestAgent t;
  private static AclClient acl;
  private static String root;

  @BeforeAll
  static void start() {
    t = TestAgent.start(AgentConfig.defaults().withAclEnabled(true));
    acl = new AclClient(t);
    root = acl.bootstrap();
    // Two versions of "web", so that reverting to version 0 is always possible.
    assertEquals(200, acl.put("/v1/jobs", root, Jobs.example("web", 1)).statusCode());
    assertEquals(200, acl.put("/v1/jobs", root, Jobs.example("web", 2)).statusCode());
    assertEquals(200, acl.put("/v1/jobs", root, BATCH.formatted("params", "\"ParameterizedJob\": {}")).statusCode());
    assertEquals(200, acl.put("/v1/jobs", root,
        BATCH.formatted("nightly", "\"Periodic\": {\"Spec\": \"0 0 1 1 *\"}")).statusCode());
  }

  private static final String BATCH = """
      {"Job": {"ID": "%s", "Type": "batch", "Datacenters": ["dc1"], %s,
        "TaskGroups": [{"Name": "g", "Tasks": [{"Name": "t", "Driver": "exec",
          "Config": {"command": "/bin/true"}}]}]}}""";

  @AfterAll
  static void stop() {
    t.close();
  }

  static Stream<Arguments> endpoints() {
    return Stream.of(
        Arguments.of("GET", "/v1/jobs", null, Capabilities.LIST_JOBS),
        Arguments.of("GET", "/v1/job/web", null, Capabilities.READ_JOB),
        Arguments.of("GET", "/v1/job/web/versions", null, Capabilities.READ_JOB),
        Arguments.of("GET", "/v1/job/web/summary", null, Capabilities.READ_JOB),
        Arguments.of("GET", "/v1/job/web/allocations", null, Capabilities.READ_JOB),
        Arguments.of("GET", "/v1/job/web/evaluations", null, Capabilities.READ_JOB),
        Arguments.of("GET", "/v1/job/web/deployments", null, Capabilities.READ_JOB),
        Arguments.of("GET", "/v1/job/web/deployment", null, Capabilities.READ_JOB),
        Arguments.of("PUT", "/v1/validate/job", Jobs.example("web"), Capabilities.READ_JOB),
        Arguments.of("PUT", "/v1/job/web/evaluate", null, Capabilities.READ_JOB),
        Arguments.of("PUT", "/v1/jobs", Jobs.example("web", 2), Capabilities.SUBMIT_JOB),
        Arguments.of("POST", "/v1/job/web", Jobs.example("web", 2), Capabilities.SUBMIT_JOB),
        Arguments.of("PUT", "/v1/job/web/revert", "{\"JobID\":\"web\",\"JobVersion\":0}", Capabilities.SUBMIT_JOB),
        Arguments.of("PUT", "/v1/job/web/stable", "{\"JobID\":\"web\",\"JobVersion\":0,\"Stable\":true}",
            Capabilities.SUBMIT_JOB),
        Arguments.of("PUT", "/v1/job/web/plan", Jobs.example("web", 3), Capabilities.SUBMIT_JOB),
        Arguments.of("PUT", "/v1/job/nightly/periodic/force", null, Capabilities.SUBMIT_JOB),
        Arguments.of("PUT", "/v1/job/params/dispatch", "{}", Capabilities.DISPATCH_JOB),
        Arguments.of("DELETE", "/v1/job/never-registered", null, Capabilities.SUBMIT_JOB));
  }

  @ParameterizedTest(name = "{0} {1} needs {3}")
  @MethodSource("endpoints")
  void exactlyTheNamedCapabilityOpensTheEndpoint(String method, String path, String body, String needed) {
    String name = "only-" + needed;
    String with = acl.tokenWith(root, name, rule(List.of(needed)));
    List<String> others = new ArrayList<>(CAPABILITIES);
    others.remove(needed);
    String without = acl.tokenWith(root, "all-but-" + needed, rule(others));

    HttpResponse<String> allowed = acl.send(method, path, with, body);
    assertEquals(200, allowed.statusCode(), method + " " + path + " with " + needed + ": " + allowed.body());
    denied(acl.send(method, path, without, body));

    acl.policy(root, "anonymous", "");
    denied(acl.send(method, path, null, body));
    acl.policy(root, "anonymous", rule(List.of(needed)));
    HttpResponse<String> anonymous = acl.send(method, path, null, body);
    assertEquals(200, anonymous.statusCode(), anonymous.body());
    acl.policy(root, "anonymous", "");
  }

  @ParameterizedTest(name = "{0} {1} in another namespace")
  @MethodSource("endpoints")
  void aCapabilityInAnotherNamespaceDoesNotCount(String method, String path, String body, String needed) {
    String elsewhere = acl.tokenWith(root, "elsewhere", "namespace \"other\" { policy = \"write\" }\n"
        + "namespace \"de*\" { policy = \"deny\" }");
    denied(acl.send(method, path, elsewhere, body));
  }

  @Test
  void policyOverrideAlsoNeedsSentinelOverride() {
    String body = Jobs.example("web", 2).replaceFirst("^\\{", "{\"PolicyOverride\": true,");
    String submitOnly = acl.tokenWith(root, "submit-only", rule(List.of(Capabilities.SUBMIT_JOB)));
    denied(acl.put("/v1/jobs", submitOnly, body));
    String both = acl.tokenWith(root, "submit-override",
        rule(List.of(Capabilities.SUBMIT_JOB, Capabilities.SENTINEL_OVERRIDE)));
    assertEquals(200, acl.put("/v1/jobs", both, body).statusCode());
  }

  @Test
  void registerValidatesBeforeCheckingTheToken() {
    String invalid = "{\"Job\":{\"ID\":\"bad\",\"TaskGroups\":[]}}";
    HttpResponse<String> noRights = acl.put("/v1/jobs", null, invalid);
    assertEquals(400, noRights.statusCode(), noRights.body());
    HttpResponse<String> unknownToken = acl.put("/v1/jobs", "no-such-token", invalid);
    assertEquals(400, unknownToken.statusCode(), unknownToken.body());
    assertEquals("ACL token not found", acl.put("/v1/jobs", "no-such-token", Jobs.example("fine")).body());
  }

  @Test
  void otherEndpointsCheckTheTokenBeforeLookingAnythingUp() {
    HttpResponse<String> r = acl.get("/v1/job/does-not-exist", null);
    assertEquals(403, r.statusCode(), "a 404 would tell an outsider which jobs exist");
    assertEquals(403, acl.put("/v1/job/does-not-exist/evaluate", null, null).statusCode());
    assertEquals("ACL token not found", acl.get("/v1/job/does-not-exist", "no-such-token").body());
  }

  @Test
  void registerUsesTheBodysSecretIdOnlyWithoutAHeader() {
    String submit = acl.tokenWith(root, "body-submit", rule(List.of(Capabilities.SUBMIT_JOB)));
    String body = Jobs.example("by-body").replaceFirst("^\\{", "{\"SecretID\": \"" + submit + "\",");
    assertEquals(200, acl.put("/v1/jobs", null, body).statusCode());
    String reader = acl.tokenWith(root, "body-reader", rule(List.of(Capabilities.READ_JOB)));
    denied(acl.put("/v1/jobs", reader, body));
  }

  private static void denied(HttpResponse<String> r) {
    assertEquals(403, r.statusCode(), r.body());
    assertEquals("Permission denied", r.body());
    assertNotEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
  }

  private static String rule(List<String> capabilities) {
    return "namespace \"default\" { capabilities = [" + String.join(", ",
        capabilities.stream().map(c -> "\"" + c + "\"").toList()) + "] }";
  }
}
