package io.jobgate.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobgate.config.NodeGroupConfig;
import io.jobgate.support.Cluster;
import io.jobgate.support.TestAgent;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Where allocations go: constraints, distinct_hosts, system jobs; and a blocking allocations read. */
class PlacementTest {

  private Cluster c;

  @BeforeEach
  void start() {
    c = new Cluster(TestAgent.startCluster(0.01));
  }

  @AfterEach
  void stop() {
    c.close();
  }

  private static String constrained(String id, int count, String constraints) {
    return """
        {"Job": {"ID": "%s", "Datacenters": ["dc1"], "Constraints": [%s],
          "TaskGroups": [{"Name": "g", "Count": %d, "Tasks": [{"Name": "t", "Driver": "docker",
            "Config": {"image": "x"}, "Resources": {"CPU": 100, "MemoryMB": 64}}]}]}}"""
        .formatted(id, constraints, count);
  }

  @Test
  void everyOperandIsInterpolatedAndDistinctHostsSpreadsThenRunsOut() {
    String cs = """
        {"LTarget": "${attr.kernel.name}", "RTarget": "linux", "Operand": "="},
        {"LTarget": "${attr.nomad.version}", "RTarget": ">= 0.8.0, < 0.9", "Operand": "version"},
        {"LTarget": "${attr.os.signals}", "RTarget": "SIGTERM,SIGINT", "Operand": "set_contains"},
        {"LTarget": "${node.unique.name}", "RTarget": "^dev-[12]$", "Operand": "regexp"},
        {"LTarget": "${node.datacenter}", "RTarget": "dc2", "Operand": "!="},
        {"Operand": "distinct_hosts"}""";
    JsonNode eval = c.awaitEval(c.register(constrained("spread", 3, cs)).get("EvalID").asText());
    JsonNode allocs = c.json("/v1/job/spread/allocations");
    assertEquals(2, allocs.size());
    Set<String> nodes = new HashSet<>();
    allocs.forEach(a -> nodes.add(a.get("NodeID").asText()));
    assertEquals(2, nodes.size(), "one allocation per node");
    for (String n : nodes) {
      assertTrue(c.json("/v1/node/" + n).get("Name").asText().matches("dev-[12]"));
    }
    JsonNode metric = eval.get("FailedTGAllocs").get("g");
    assertEquals(3, metric.get("NodesFiltered").asInt());
    assertEquals(1, metric.get("ConstraintFiltered").get("${node.unique.name} regexp ^dev-[12]$").asInt());
    assertEquals(2, metric.get("ConstraintFiltered").get("distinct_hosts").asInt());
    assertEquals(1, eval.get("QueuedAllocations").get("g").asInt());
  }

  @Test
  void unresolvableTargetFiltersEveryNodeOfTheClassOnce() {
    String cs = "{\"LTarget\": \"${meta.rack}\", \"RTarget\": \"r1\", \"Operand\": \"=\"}";
    JsonNode eval = c.awaitEval(c.register(constrained("rack", 1, cs)).get("EvalID").asText());
    JsonNode metric = eval.get("FailedTGAllocs").get("g");
    assertEquals(3, metric.get("NodesFiltered").asInt());
    assertEquals(1, metric.get("ConstraintFiltered").get("${meta.rack} = r1").asInt());
    assertEquals(2, metric.get("ConstraintFiltered").get("computed class ineligible").asInt());
    JsonNode blocked = c.json("/v1/evaluation/" + eval.get("BlockedEval").asText());
    assertEquals(1, blocked.get("ClassEligibility").size());
    assertTrue(blocked.get("ClassEligibility").elements().next().isBoolean());
  }

  @Test
  void systemJobRunsOnEveryNodeIncludingOneThatJoinsLater() throws Exception {
    String sys = """
        {"Job": {"ID": "agent", "Type": "system", "Datacenters": ["dc1"],
          "TaskGroups": [{"Name": "g", "Tasks": [{"Name": "t", "Driver": "exec",
            "Config": {"command": "x"}, "Resources": {"CPU": 100, "MemoryMB": 64}}]}]}}""";
    c.awaitEval(c.register(sys).get("EvalID").asText());
    JsonNode allocs = c.await("/v1/job/agent/allocations", l -> l.size() == 3);
    Set<String> nodes = new HashSet<>();
    allocs.forEach(a -> {
      nodes.add(a.get("NodeID").asText());
      assertEquals("agent.g[0]", a.get("Name").asText());
    });
    assertEquals(3, nodes.size());
    assertEquals("running", c.json("/v1/job/agent").get("Status").asText());

    NodeGroupConfig extra = new NodeGroupConfig("late", 1, "", "", 4000, 8192, 102_400, 150, 1000,
        NodeGroupConfig.ALL_DRIVERS, Map.of());
    String late = c.t.agent.fleet().addNode(extra).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS).id();
    JsonNode all = c.await("/v1/job/agent/allocations", l -> l.size() == 4);
    boolean onLate = false;
    for (JsonNode a : all) {
      onLate |= a.get("NodeID").asText().equals(late);
    }
    assertTrue(onLate);
    boolean nodeUpdate = false;
    for (JsonNode e : c.json("/v1/job/agent/evaluations")) {
      nodeUpdate |= e.get("TriggeredBy").asText().equals("node-update") && e.get("NodeID").asText().equals(late);
    }
    assertTrue(nodeUpdate);
  }

  @Test
  void blockingAllocationsReadWakesWhenItsAllocationStartsRunning() throws Exception {
    String slow = """
        {"Job": {"ID": "slow", "Datacenters": ["dc1"],
          "TaskGroups": [{"Name": "g", "Tasks": [{"Name": "t", "Driver": "exec",
            "Config": {"command": "x", "start_block_for": "3m"},
            "Resources": {"CPU": 100, "MemoryMB": 64}}]}]}}""";
    c.register(slow);
    c.await("/v1/job/slow/allocations", l -> l.size() == 1 && l.get(0).get("TaskStates") != null
        && !l.get(0).get("TaskStates").isNull());
    HttpResponse<String> now = c.t.get("/v1/job/slow/allocations");
    long index = c.t.index(now);
    assertEquals("pending", Cluster.parse(now.body()).get(0).get("ClientStatus").asText());
    long start = System.nanoTime();
    HttpRequest req = HttpRequest.newBuilder(URI.create(c.t.base + "/v1/job/slow/allocations?index=" + index
        + "&wait=30s")).timeout(Duration.ofSeconds(60)).GET().build();
    CompletableFuture<HttpResponse<String>> parked = c.t.http().sendAsync(req, HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> woke = parked.get(60, TimeUnit.SECONDS);
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    assertEquals(200, woke.statusCode());
    assertTrue(c.t.index(woke) > index);
    assertTrue(elapsedMs >= 100, "answered after " + elapsedMs + " ms, before the task started");
    assertTrue(elapsedMs < 20_000, "took " + elapsedMs + " ms");
    JsonNode alloc = Cluster.parse(woke.body()).get(0);
    assertEquals("running", alloc.get("ClientStatus").asText());
    assertEquals(alloc.get("ModifyIndex").asLong(), c.t.index(woke));
  }
}
