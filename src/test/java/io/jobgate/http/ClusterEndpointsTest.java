package io.jobgate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobgate.config.AgentConfig;
import io.jobgate.support.Cluster;
import io.jobgate.support.Jobs;
import io.jobgate.support.TestAgent;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Shapes, 404 texts, methods and indexes of the allocation, evaluation and node endpoints. */
class ClusterEndpointsTest {

  private static Cluster c;

  @BeforeAll
  static void start() {
    c = new Cluster(TestAgent.startCluster(0.01));
  }

  @AfterAll
  static void stop() {
    c.close();
  }

  private static void assertMissing(String path, String text) {
    HttpResponse<String> r = c.t.get(path);
    assertEquals(404, r.statusCode());
    assertEquals(text, r.body());
    assertTrue(c.t.index(r) >= 1);
  }

  @Test
  void unknownIdsAnswerNomadsNotFoundTexts() {
    assertMissing("/v1/allocation/nope", "alloc not found");
    assertMissing("/v1/evaluation/nope", "eval not found");
    assertMissing("/v1/node/nope", "node not found");
    assertMissing("/v1/deployment/nope", "deployment not found");
    assertEquals("[]", c.t.get("/v1/evaluation/nope/allocations").body());
    assertEquals("[]", c.t.get("/v1/node/nope/allocations").body());
    assertEquals(405, c.t.put("/v1/nodes", "").statusCode());
    assertEquals("Invalid method", c.t.put("/v1/allocation/x", "").body());
  }

  @Test
  void nodesListStubsAndTheFullNodeWithoutItsSecret() {
    HttpResponse<String> r = c.t.get("/v1/nodes");
    JsonNode nodes = Cluster.parse(r.body());
    assertEquals(3, nodes.size());
    JsonNode stub = nodes.get(0);
    assertEquals("dc1", stub.get("Datacenter").asText());
    assertEquals("ready", stub.get("Status").asText());
    assertEquals("eligible", stub.get("SchedulingEligibility").asText());
    assertEquals("0.8.6", stub.get("Version").asText());
    assertTrue(stub.get("Address").asText().startsWith("10."));
    assertTrue(stub.get("Drivers").get("docker").get("Healthy").asBoolean());
    long newest = 0;
    for (JsonNode n : nodes) {
      newest = Math.max(newest, n.get("ModifyIndex").asLong());
    }
    assertEquals(newest, c.t.index(r), "the nodes table's index");
    JsonNode node = c.json("/v1/node/" + stub.get("ID").asText());
    assertEquals("", node.get("SecretID").asText());
    assertEquals("linux", node.get("Attributes").get("kernel.name").asText());
    assertEquals("1", node.get("Attributes").get("driver.exec").asText());
    assertEquals(4000, node.get("Resources").get("CPU").asInt());
    assertTrue(node.get("ComputedClass").asText().startsWith("v1:"));
    assertEquals(1, c.json("/v1/nodes?prefix=" + stub.get("ID").asText().substring(0, 8)).size());
  }

  @Test
  void allocationAndEvaluationListsFilterByPrefixAndReportTableIndexes() {
    JsonNode reg = c.register(Jobs.example("listed", 1));
    String evalId = reg.get("EvalID").asText();
    c.awaitEval(evalId);
    JsonNode alloc = c.await("/v1/job/listed/allocations", l -> l.size() == 1).get(0);
    String allocId = alloc.get("ID").asText();
    JsonNode byPrefix = c.json("/v1/allocations?prefix=" + allocId.substring(0, 6));
    assertEquals(allocId, byPrefix.get(0).get("ID").asText());
    assertEquals(evalId, c.json("/v1/evaluations?prefix=" + evalId.substring(0, 6)).get(0).get("ID").asText());
    JsonNode onNode = c.json("/v1/node/" + alloc.get("NodeID").asText() + "/allocations");
    boolean found = false;
    for (JsonNode a : onNode) {
      found |= a.get("ID").asText().equals(allocId) && a.get("Job").get("ID").asText().equals("listed");
    }
    assertTrue(found, "the node's allocations are full allocations, job included");
    HttpResponse<String> one = c.t.get("/v1/allocation/" + allocId);
    assertEquals(Cluster.parse(one.body()).get("ModifyIndex").asLong(), c.t.index(one));
    HttpResponse<String> eval = c.t.get("/v1/evaluation/" + evalId);
    assertEquals(Cluster.parse(eval.body()).get("ModifyIndex").asLong(), c.t.index(eval));
  }

  @Test
  void withAclsAnonymousCannotReadAllocationsEvaluationsOrDeployments() {
    try (TestAgent acl = TestAgent.start(AgentConfig.defaults().withAclEnabled(true))) {
      for (String path : new String[] {"/v1/allocations", "/v1/evaluations", "/v1/deployments",
          "/v1/allocation/x", "/v1/evaluation/x/allocations", "/v1/deployment/x"}) {
        HttpResponse<String> r = acl.get(path);
        assertEquals(403, r.statusCode(), path);
        assertEquals("Permission denied", r.body(), path);
      }
      assertEquals(403, acl.put("/v1/deployment/fail/x", "").statusCode());
      assertEquals(200, acl.get("/v1/nodes").statusCode());
      HttpResponse<String> unknown = acl.send(HttpRequest.newBuilder(URI.create(acl.base + "/v1/nodes"))
          .header("X-Nomad-Token", "00000000-0000-0000-0000-000000000000").GET());
      assertEquals(403, unknown.statusCode());
      assertEquals("ACL token not found", unknown.body());
    }
  }
}
