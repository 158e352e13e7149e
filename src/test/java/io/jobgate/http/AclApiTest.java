package io.jobgate.http;

import static io.jobgate.support.AclClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobgate.config.AgentConfig;
import io.jobgate.support.AclClient;
import io.jobgate.support.Jobs;
import io.jobgate.support.TestAgent;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ACL endpoints: bootstrap, policies, tokens, and how bad or stolen-looking tokens fare. */
class AclApiTest {

  private static TestAgent t;
  private static AclClient acl;
  private static String root;

  @BeforeAll
  static void start() {
    t = TestAgent.start(AgentConfig.defaults().withAclEnabled(true));
    acl = new AclClient(t);
    root = acl.bootstrap();
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  @Test
  void bootstrapHappensOnce() {
    HttpResponse<String> again = acl.send("POST", "/v1/acl/bootstrap", null, null);
    assertEquals(400, again.statusCode());
    assertTrue(again.body().matches("ACL bootstrap already done \\(reset index: \\d+\\)"), again.body());
    JsonNode self = json(acl.get("/v1/acl/token/self", root));
    assertEquals("Bootstrap Token", self.get("Name").asText());
    assertEquals("management", self.get("Type").asText());
    assertTrue(self.get("Global").asBoolean());
    assertEquals(root, self.get("SecretID").asText());
  }

  @Test
  void bootstrapStaysDoneAfterTheBootstrapTokenIsDeleted() {
    TestAgent other = TestAgent.start(AgentConfig.defaults().withAclEnabled(true));
    try {
      AclClient c = new AclClient(other);
      String first = c.bootstrap();
      HttpResponse<String> spare = c.send("PUT", "/v1/acl/token", first,
          "{\"Name\":\"spare\",\"Type\":\"management\"}");
      String accessor = json(c.get("/v1/acl/token/self", first)).get("AccessorID").asText();
      assertEquals(200, c.send("DELETE", "/v1/acl/token/" + accessor, first, null).statusCode());
      assertEquals(400, c.send("POST", "/v1/acl/bootstrap", null, null).statusCode());
      assertEquals("ACL token not found", c.get("/v1/jobs", first).body());
      assertEquals(200, c.get("/v1/jobs", json(spare).get("SecretID").asText()).statusCode());
    } finally {
      other.close();
    }
  }

  @Test
  void unknownMalformedAndEmptyLookingTokensAreNotFound() {
    for (String bad : new String[] {"00000000-0000-0000-0000-000000000000", "not-a-uuid", "x".repeat(4000),
        root.substring(0, root.length() - 1), root + "0", root.toUpperCase()}) {
      HttpResponse<String> r = acl.get("/v1/jobs", bad);
      assertEquals(403, r.statusCode(), bad);
      assertEquals("ACL token not found", r.body());
    }
  }

  @Test
  void deletedTokensStopWorking() {
    JsonNode token = acl.clientToken(root, "anything");
    String secret = token.get("SecretID").asText();
    assertEquals(200, acl.get("/v1/acl/token/self", secret).statusCode());
    assertEquals(200, acl.send("DELETE", "/v1/acl/token/" + token.get("AccessorID").asText(), root, null)
        .statusCode());
    HttpResponse<String> r = acl.get("/v1/jobs", secret);
    assertEquals(403, r.statusCode());
    assertEquals("ACL token not found", r.body());
    assertEquals(404, acl.get("/v1/acl/token/self", secret).statusCode());
  }

  @Test
  void clientTokensCannotUseManagementEndpoints() {
    String client = acl.tokenWith(root, "ns-writer", "namespace \"default\" { policy = \"write\" }");
    String policy = "{\"Name\":\"p\",\"Rules\":\"agent { policy = \\\"write\\\" }\"}";
    String[][] attempts = {
        {"GET", "/v1/acl/tokens", null},
        {"PUT", "/v1/acl/token", "{\"Name\":\"mine\",\"Type\":\"management\"}"},
        {"PUT", "/v1/acl/policy/p", policy},
        {"DELETE", "/v1/acl/policy/ns-writer", null},
        {"PUT", "/v1/namespace/evil", "{\"Name\":\"evil\"}"},
        {"DELETE", "/v1/namespace/default", null},
        {"GET", "/v1/acl/token/" + json(acl.get("/v1/acl/token/self", root)).get("AccessorID").asText(), null},
    };
    for (String[] a : attempts) {
      HttpResponse<String> r = acl.send(a[0], a[1], client, a[2]);
      assertEquals(403, r.statusCode(), a[0] + " " + a[1] + ": " + r.body());
      assertEquals("Permission denied", r.body());
    }
  }

  @Test
  void tokensAreCreatedReadUpdatedAndListedWithoutSecrets() {
    acl.policy(root, "readers", "namespace \"default\" { policy = \"read\" }");
    JsonNode created = acl.clientToken(root, "readers");
    String accessor = created.get("AccessorID").asText();
    String secret = created.get("SecretID").asText();
    assertEquals(36, secret.length());
    assertEquals("client", created.get("Type").asText());
    assertTrue(created.get("CreateIndex").asLong() > 0);
    assertFalse(created.get("CreateTime").asText().isEmpty());

    // A token reads itself by accessor and through self; management reads any.
    assertEquals(secret, json(acl.get("/v1/acl/token/" + accessor, secret)).get("SecretID").asText());
    assertEquals(accessor, json(acl.get("/v1/acl/token/self", secret)).get("AccessorID").asText());
    assertEquals(secret, json(acl.get("/v1/acl/token/" + accessor, root)).get("SecretID").asText());

    HttpResponse<String> list = acl.get("/v1/acl/tokens", root);
    assertEquals(200, list.statusCode());
    assertFalse(list.body().contains(secret), "a token list carries a secret");
    assertFalse(list.body().contains("SecretID"));
    assertTrue(list.body().contains(accessor));

    String update = "{\"AccessorID\":\"" + accessor + "\",\"Name\":\"renamed\",\"Type\":\"client\","
        + "\"Policies\":[\"readers\",\"more\"]}";
    JsonNode updated = json(acl.put("/v1/acl/token/" + accessor, root, update));
    assertEquals("renamed", updated.get("Name").asText());
    assertEquals(secret, updated.get("SecretID").asText(), "an update keeps the secret");
    assertEquals(created.get("CreateIndex").asLong(), updated.get("CreateIndex").asLong());
    assertNotEquals(created.get("ModifyIndex").asLong(), updated.get("ModifyIndex").asLong());

    HttpResponse<String> mismatch = acl.put("/v1/acl/token/" + accessor, root, update.replace(accessor, "other"));
    assertEquals(400, mismatch.statusCode());
    assertEquals("ACL token accessor does not match request path", mismatch.body());
    HttpResponse<String> toggle = acl.put("/v1/acl/token/" + accessor, root,
        update.replace("\"Policies\"", "\"Global\":true,\"Policies\""));
    assertEquals("cannot toggle global mode of " + accessor, toggle.body());
  }

  @Test
  void invalidTokensAreRefusedWithNomadsTexts() {
    assertEquals("token 0 invalid: 1 error(s) occurred:\n\n* client token missing policies",
        acl.put("/v1/acl/token", root, "{\"Type\":\"client\"}").body());
    assertEquals("token 0 invalid: 1 error(s) occurred:\n\n* management token cannot be associated with policies",
        acl.put("/v1/acl/token", root, "{\"Type\":\"management\",\"Policies\":[\"a\"]}").body());
    assertEquals("token 0 invalid: 1 error(s) occurred:\n\n* token type must be client or management",
        acl.put("/v1/acl/token", root, "{\"Type\":\"root\"}").body());
    assertEquals("cannot find token nope", acl.put("/v1/acl/token", root, "{\"AccessorID\":\"nope\","
        + "\"Type\":\"management\"}").body());
    assertEquals("Cannot delete nonexistent tokens: nope", acl.send("DELETE", "/v1/acl/token/nope", root, null)
        .body());
  }

  @Test
  void policiesAreWrittenReadListedAndDeleted() {
    String rules = "namespace \"default\" { policy = \"read\" }";
    String body = "{\"Name\":\"viewer\",\"Description\":\"sees\",\"Rules\":" + quote(rules) + "}";
    HttpResponse<String> put = acl.put("/v1/acl/policy/viewer", root, body);
    assertEquals(200, put.statusCode());
    assertEquals("", put.body());
    assertTrue(Long.parseLong(put.headers().firstValue("X-Nomad-Index").orElseThrow()) > 1);

    HttpResponse<String> got = acl.get("/v1/acl/policy/viewer", root);
    assertEquals(rules, json(got).get("Rules").asText());
    assertEquals(json(got).get("ModifyIndex").asLong(), t.index(got));
    assertTrue(acl.get("/v1/acl/policies", root).body().contains("\"Name\":\"viewer\""));

    // Holders of a policy may read and list it, others may not.
    String holder = acl.clientToken(root, "viewer").get("SecretID").asText();
    assertEquals(200, acl.get("/v1/acl/policy/viewer", holder).statusCode());
    String stranger = acl.tokenWith(root, "unrelated", "agent { policy = \"read\" }");
    assertEquals(403, acl.get("/v1/acl/policy/viewer", stranger).statusCode());
    JsonNode visible = json(acl.get("/v1/acl/policies", stranger));
    assertEquals(1, visible.size());
    assertEquals("unrelated", visible.get(0).get("Name").asText());

    assertEquals("ACL policy name does not match request path",
        acl.put("/v1/acl/policy/other", root, body).body());
    assertEquals(200, acl.send("DELETE", "/v1/acl/policy/viewer", root, null).statusCode());
    assertEquals(404, acl.get("/v1/acl/policy/viewer", root).statusCode());
    assertEquals("ACL policy not found", acl.get("/v1/acl/policy/viewer", root).body());
    assertEquals(403, acl.get("/v1/jobs", holder).statusCode(), "a deleted policy still grants");
  }

  @Test
  void policySyntaxErrorsAreRefusedWithLineAndColumn() {
    String rules = "namespace \"default\" {\n  policy = \"read\"\n  capabilities = [\"list-jobs\" \"read-job\"]\n}";
    HttpResponse<String> r = acl.put("/v1/acl/policy/broken", root,
        "{\"Name\":\"broken\",\"Rules\":" + quote(rules) + "}");
    assertEquals(400, r.statusCode());
    assertEquals("policy 0 invalid: 1 error(s) occurred:\n\n* failed to parse rules: Failed to parse ACL Policy: "
        + "At 3:31: expected \",\" or \"]\" in a list, got string \"read-job\"", r.body());
    HttpResponse<String> json = acl.put("/v1/acl/policy/broken", root,
        "{\"Name\":\"broken\",\"Rules\":" + quote("{\"namespace\": {\"default\": {\"policy\": \"reed\"}}}") + "}");
    assertEquals("policy 0 invalid: 1 error(s) occurred:\n\n* failed to parse rules: At 1:38: Invalid namespace "
        + "policy \"reed\" in namespace \"default\": expected \"read\", \"write\" or \"deny\"", json.body());
    HttpResponse<String> name = acl.put("/v1/acl/policy/a.b", root, "{\"Name\":\"a.b\",\"Rules\":\"\"}");
    assertEquals("policy 0 invalid: 1 error(s) occurred:\n\n* invalid name 'a.b'", name.body());
    assertEquals(404, acl.get("/v1/acl/policy/broken", root).statusCode());
  }

  @Test
  void theAnonymousPolicyGovernsRequestsWithoutAToken() {
    TestAgent other = TestAgent.start(AgentConfig.defaults().withAclEnabled(true));
    try {
      AclClient c = new AclClient(other);
      String mgmt = c.bootstrap();
      assertEquals(403, c.get("/v1/jobs", null).statusCode());
      c.policy(mgmt, "anonymous", "namespace \"default\" { policy = \"read\" }");
      assertEquals(200, c.get("/v1/jobs", null).statusCode());
      assertEquals(200, c.get("/v1/acl/policy/anonymous", null).statusCode());
      assertEquals(403, c.put("/v1/jobs", null, Jobs.example("anon")).statusCode());
      assertEquals(404, c.get("/v1/acl/token/self", null).statusCode());
    } finally {
      other.close();
    }
  }

  @Test
  void aclEndpointsSayWhenAclsAreOff() {
    TestAgent open = TestAgent.start();
    try {
      AclClient c = new AclClient(open);
      for (String path : new String[] {"/v1/acl/policies", "/v1/acl/tokens", "/v1/acl/token/self"}) {
        HttpResponse<String> r = c.get(path, "whatever");
        assertEquals(400, r.statusCode());
        assertEquals("ACL support disabled", r.body());
      }
      assertEquals("ACL support disabled", c.send("POST", "/v1/acl/bootstrap", null, null).body());
      assertEquals(200, c.get("/v1/jobs", "ignored-when-acls-are-off").statusCode());
    } finally {
      open.close();
    }
  }

  @Test
  void blockingReadOfAPolicyWakesOnItsChange() throws Exception {
    acl.policy(root, "watched", "agent { policy = \"read\" }");
    long index = t.index(acl.get("/v1/acl/policy/watched", root));
    CompletableFuture<HttpResponse<String>> parked = CompletableFuture.supplyAsync(
        () -> acl.get("/v1/acl/policy/watched?index=" + index + "&wait=10s", root));
    Thread.sleep(200);
    assertFalse(parked.isDone());
    acl.policy(root, "watched", "agent { policy = \"write\" }");
    HttpResponse<String> woke = parked.get();
    assertTrue(t.index(woke) > index);
    assertTrue(json(woke).get("Rules").asText().contains("write"));
  }

  private static String quote(String s) {
    return io.jobgate.structs.Json.MAPPER.getNodeFactory().textNode(s).toString();
  }
}
