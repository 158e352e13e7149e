package io.jobgate.http;

import static io.jobgate.support.AclClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobgate.config.AgentConfig;
import io.jobgate.config.ConfigLoader;
import io.jobgate.support.AclClient;
import io.jobgate.support.Jobs;
import io.jobgate.support.TestAgent;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Namespaces: their API, jobs inside them, lists across them, and what a token of one cannot see of another. */
class NamespaceApiTest {

  private static TestAgent t;
  private static AclClient acl;
  private static String root;

  @BeforeAll
  static void start() {
    t = TestAgent.start(AgentConfig.defaults().withAclEnabled(true));
    acl = new AclClient(t);
    root = acl.bootstrap();
    for (String ns : new String[] {"team-a", "team-b", "secret"}) {
      assertEquals(200, acl.put("/v1/namespace/" + ns, root, "{\"Description\":\"" + ns + "\"}").statusCode());
    }
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  private static String inNamespace(String id, String ns) {
    return Jobs.example(id).replaceFirst("\"ID\":", "\"Namespace\": \"" + ns + "\", \"ID\":");
  }

  @Test
  void namespacesAreCreatedReadListedUpdatedAndDeleted() {
    HttpResponse<String> created = acl.put("/v1/namespace", root, "{\"Name\":\"scratch\",\"Description\":\"tmp\"}");
    assertEquals(200, created.statusCode(), created.body());
    assertEquals("", created.body());
    JsonNode got = json(acl.get("/v1/namespace/scratch", root));
    assertEquals("tmp", got.get("Description").asText());
    long createIndex = got.get("CreateIndex").asLong();
    assertEquals(200, acl.send("POST", "/v1/namespace/scratch", root, "{\"Name\":\"scratch\",\"Description\":\"v2\"}")
        .statusCode());
    JsonNode updated = json(acl.get("/v1/namespace/scratch", root));
    assertEquals("v2", updated.get("Description").asText());
    assertEquals(createIndex, updated.get("CreateIndex").asLong());
    assertTrue(updated.get("ModifyIndex").asLong() > createIndex);

    List<String> names = new ArrayList<>();
    json(acl.get("/v1/namespaces", root)).forEach(n -> names.add(n.get("Name").asText()));
    assertTrue(names.containsAll(List.of("default", "scratch", "team-a")), names.toString());

    assertEquals(200, acl.send("DELETE", "/v1/namespace/scratch", root, null).statusCode());
    HttpResponse<String> gone = acl.get("/v1/namespace/scratch", root);
    assertEquals(404, gone.statusCode());
    assertEquals("Namespace not found", gone.body());
  }

  @Test
  void invalidNamesAndMismatchesAreRefused() {
    for (String bad : new String[] {"has space", "a/b", "ünï", "x".repeat(129), "dots.too"}) {
      HttpResponse<String> r = acl.put("/v1/namespace", root, "{\"Name\":" + quoted(bad) + "}");
      assertEquals(400, r.statusCode(), bad);
      assertEquals("Invalid namespace " + quoted(bad) + ": 1 error(s) occurred:\n\n* invalid name " + quoted(bad)
          + ". Must match regex ^[a-zA-Z0-9-]{1,128}$", r.body());
    }
    assertEquals("Namespace name does not match request path",
        acl.put("/v1/namespace/one", root, "{\"Name\":\"two\"}").body());
    assertEquals("Missing Namespace Name", acl.get("/v1/namespace/", root).body());
    HttpResponse<String> longDescription = acl.put("/v1/namespace/desc", root,
        "{\"Description\":\"" + "d".repeat(257) + "\"}");
    assertTrue(longDescription.body().endsWith("* description longer than 256"), longDescription.body());
  }

  @Test
  void defaultAlwaysExistsAndCannotBeDeleted() {
    assertEquals("default", json(acl.get("/v1/namespace/default", root)).get("Name").asText());
    HttpResponse<String> r = acl.send("DELETE", "/v1/namespace/default", root, null);
    assertEquals(400, r.statusCode());
    assertEquals("can not delete default namespace", r.body());
  }

  @Test
  void deletingIsRefusedWhileJobsRemain() {
    assertEquals(200, acl.put("/v1/namespace/busy", root, "{}").statusCode());
    assertEquals(200, acl.put("/v1/jobs", root, inNamespace("resident", "busy")).statusCode());
    assertEquals("namespace \"busy\" has non-terminal jobs in regions: [global]",
        acl.send("DELETE", "/v1/namespace/busy", root, null).body());
    assertEquals(200, acl.send("DELETE", "/v1/job/resident?namespace=busy&purge=true", root, null).statusCode());
    assertEquals(200, acl.send("DELETE", "/v1/namespace/busy", root, null).statusCode());
  }

  @Test
  void jobsGoOnlyIntoNamespacesThatExist() {
    HttpResponse<String> r = acl.put("/v1/jobs", root, inNamespace("lost", "nowhere"));
    assertEquals(400, r.statusCode());
    assertEquals("job \"lost\" is in nonexistent namespace \"nowhere\"", r.body());
  }

  @Test
  void theSameIdInTwoNamespacesIsTwoJobs() {
    assertEquals(200, acl.put("/v1/jobs", root, inNamespace("twin", "team-a")).statusCode());
    assertEquals(200, acl.put("/v1/jobs", root, Jobs.example("twin", 3).replaceFirst("\"ID\":",
        "\"Namespace\": \"team-b\", \"ID\":")).statusCode());
    JsonNode a = json(acl.get("/v1/job/twin?namespace=team-a", root));
    JsonNode b = json(acl.get("/v1/job/twin?namespace=team-b", root));
    assertEquals("team-a", a.get("Namespace").asText());
    assertEquals(1, a.get("TaskGroups").get(0).get("Count").asInt());
    assertEquals(3, b.get("TaskGroups").get(0).get("Count").asInt());
    assertEquals(404, acl.get("/v1/job/twin", root).statusCode(), "not in default");
    assertEquals(200, acl.send("DELETE", "/v1/job/twin?namespace=team-a&purge=true", root, null).statusCode());
    assertEquals(200, acl.get("/v1/job/twin?namespace=team-b", root).statusCode());
  }

  @Test
  void wildcardListsShowOnlyWhatTheTokenMayListAndSayWhere() {
    assertEquals(200, acl.put("/v1/jobs", root, inNamespace("visible-a", "team-a")).statusCode());
    assertEquals(200, acl.put("/v1/jobs", root, inNamespace("visible-b", "team-b")).statusCode());
    assertEquals(200, acl.put("/v1/jobs", root, inNamespace("hidden", "secret")).statusCode());
    String teams = acl.tokenWith(root, "teams", "namespace \"team-*\" { policy = \"read\" }\n"
        + "namespace \"secret\" { capabilities = [\"read-job\"] }");

    JsonNode list = json(acl.get("/v1/jobs?namespace=*&prefix=visible-", teams));
    assertEquals(2, list.size());
    assertEquals("team-a", list.get(0).get("Namespace").asText());
    assertEquals("visible-a", list.get(0).get("ID").asText());
    assertEquals("team-b", list.get(1).get("Namespace").asText());
    assertFalse(acl.get("/v1/jobs?namespace=*", teams).body().contains("hidden"));
    assertTrue(acl.get("/v1/jobs?namespace=*", root).body().contains("hidden"));

    // Listing one namespace stays all-or-nothing (spec §16), and stubs always say where they are.
    assertEquals(403, acl.get("/v1/jobs?namespace=secret", teams).statusCode());
    assertEquals("team-a", json(acl.get("/v1/jobs?namespace=team-a", teams)).get(0).get("Namespace").asText());
    String nothing = acl.tokenWith(root, "nothing", "namespace \"secret\" { capabilities = [\"read-job\"] }");
    assertEquals(403, acl.get("/v1/jobs?namespace=*", nothing).statusCode());
  }

  @Test
  void namespaceListsAndReadsFollowTheToken() {
    String teamA = acl.tokenWith(root, "team-a-reader", "namespace \"team-a\" { policy = \"read\" }");
    List<String> names = new ArrayList<>();
    json(acl.get("/v1/namespaces", teamA)).forEach(n -> names.add(n.get("Name").asText()));
    assertEquals(List.of("team-a"), names);
    assertEquals(200, acl.get("/v1/namespace/team-a", teamA).statusCode());
    assertEquals(403, acl.get("/v1/namespace/secret", teamA).statusCode());
  }

  @Test
  void pathTricksNeverReachAnotherNamespacesJob() {
    assertEquals(200, acl.put("/v1/jobs", root, inNamespace("vault", "secret")).statusCode());
    String teamA = acl.tokenWith(root, "team-a-only", "namespace \"team-a\" { policy = \"write\" }");
    String[] tricks = {
        "/v1/job/..%2Fsecret%2Fvault?namespace=team-a",
        "/v1/job/secret%2Fvault?namespace=team-a",
        "/v1/job/vault%3Fnamespace%3Dsecret?namespace=team-a",
        "/v1/job/vault?namespace=team-a&namespace=secret",
        "/v1/job/vault?namespace=team-a%00secret",
    };
    for (String path : tricks) {
      HttpResponse<String> r = acl.get(path, teamA);
      assertFalse(r.statusCode() == 200 && r.body().contains("\"Namespace\":\"secret\""), path + " -> " + r.body());
    }
    HttpResponse<String> dotdot = acl.get("/v1/job/../job/vault?namespace=secret", teamA);
    assertTrue(dotdot.statusCode() == 301 || dotdot.statusCode() == 403, dotdot.statusCode() + " " + dotdot.body());
    assertEquals(403, acl.get("/v1/job/vault?namespace=secret", teamA).statusCode());
    assertEquals(403, acl.send("DELETE", "/v1/job/vault?namespace=secret", teamA, null).statusCode());
    assertEquals(403, acl.put("/v1/job/vault/evaluate?namespace=secret", teamA, null).statusCode());
    // A body naming another namespace does not move a write there: the query parameter decides.
    assertEquals(403, acl.put("/v1/job/vault/stable?namespace=secret", teamA,
        "{\"JobID\":\"vault\",\"JobVersion\":0,\"Stable\":true,\"Namespace\":\"team-a\"}").statusCode());
    assertEquals(403, acl.put("/v1/jobs", teamA, inNamespace("vault", "secret")).statusCode());
  }

  @Test
  void aParkedQueryNeverRevealsAJobInAnotherNamespace() throws Exception {
    String teamA = acl.tokenWith(root, "team-a-watcher", "namespace \"team-a\" { policy = \"read\" }");
    long index = t.index(acl.get("/v1/job/mirror?namespace=team-a", teamA));
    CompletableFuture<HttpResponse<String>> one = CompletableFuture.supplyAsync(
        () -> acl.get("/v1/job/mirror?namespace=team-a&index=" + index + "&wait=1s", teamA));
    long listIndex = t.index(acl.get("/v1/jobs?namespace=*", teamA));
    CompletableFuture<HttpResponse<String>> all = CompletableFuture.supplyAsync(
        () -> acl.get("/v1/jobs?namespace=*&index=" + listIndex + "&wait=5s", teamA));
    Thread.sleep(200);
    assertEquals(200, acl.put("/v1/jobs", root, inNamespace("mirror", "secret")).statusCode());

    HttpResponse<String> oneAnswer = one.get();
    assertEquals(404, oneAnswer.statusCode(), "the same ID in another namespace must not wake or answer");
    assertEquals("job not found", oneAnswer.body());
    HttpResponse<String> allAnswer = all.get();
    assertEquals(200, allAnswer.statusCode());
    assertFalse(allAnswer.body().contains("mirror"), allAnswer.body());
    assertFalse(allAnswer.body().contains("\"secret\""), allAnswer.body());

    // Asking for the other namespace outright is refused before anything is parked or looked up.
    HttpResponse<String> direct = acl.get("/v1/job/mirror?namespace=secret&index=" + index + "&wait=5s", teamA);
    assertEquals(403, direct.statusCode());
  }

  /** One front, so both watchers park in the same registry, where identical questions share an answer. */
  @Test
  void parkedWildcardListsOfDifferentTokensGetTheirOwnAnswers(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("one-front.yaml");
    Files.writeString(file, "http_instances: 1\nacl:\n  enabled: true\n");
    try (TestAgent one = TestAgent.start(ConfigLoader.load(file, AgentConfig.defaults()))) {
      AclClient c = new AclClient(one);
      String mgmt = c.bootstrap();
      assertEquals(200, c.put("/v1/namespace/team-a", mgmt, "{}").statusCode());
      assertEquals(200, c.put("/v1/namespace/team-b", mgmt, "{}").statusCode());
      String teamA = c.tokenWith(mgmt, "lister-a", "namespace \"team-a\" { policy = \"read\" }");
      String teamB = c.tokenWith(mgmt, "lister-b", "namespace \"team-b\" { policy = \"read\" }");
      long index = one.index(c.get("/v1/jobs?namespace=*", teamA));
      String watch = "/v1/jobs?namespace=*&index=" + index + "&wait=10s";
      CompletableFuture<HttpResponse<String>> a = CompletableFuture.supplyAsync(() -> c.get(watch, teamA));
      CompletableFuture<HttpResponse<String>> b = CompletableFuture.supplyAsync(() -> c.get(watch, teamB));
      Thread.sleep(300);
      assertEquals(200, c.put("/v1/jobs", mgmt, inNamespace("shared-b", "team-b")).statusCode());
      assertEquals("[]", a.get().body());
      JsonNode seenByB = json(b.get());
      assertEquals(1, seenByB.size());
      assertEquals("shared-b", seenByB.get(0).get("ID").asText());
    }
  }

  private static String quoted(String s) {
    return io.jobgate.structs.Json.MAPPER.getNodeFactory().textNode(s).toString();
  }
}
