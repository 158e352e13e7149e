package io.jobgate.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobgate.config.NodeGroupConfig;
import io.jobgate.support.Cluster;
import io.jobgate.support.TestAgent;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A job too big for the fleet waits in a blocked evaluation until a node that fits joins (spec §15.5). */
class BlockedEvalTest {

  private static final String BIG = """
      {"Job": {"ID": "big", "Datacenters": ["dc1"],
        "TaskGroups": [{"Name": "g", "Tasks": [{"Name": "t", "Driver": "docker",
          "Config": {"image": "x"}, "Resources": {"CPU": 6000, "MemoryMB": 256}}]}]}}""";

  @Test
  void placementFailureBlocksThenANewNodeUnblocksIt() throws Exception {
    try (Cluster c = new Cluster(TestAgent.startCluster(0.01))) {
      JsonNode reg = c.register(BIG);
      JsonNode eval = c.awaitEval(reg.get("EvalID").asText());
      assertEquals("complete", eval.get("Status").asText());
      assertEquals(1, eval.get("QueuedAllocations").get("g").asInt());
      JsonNode metric = eval.get("FailedTGAllocs").get("g");
      assertEquals(3, metric.get("NodesEvaluated").asInt());
      assertEquals(3, metric.get("NodesExhausted").asInt());
      assertEquals(0, metric.get("NodesFiltered").asInt());
      assertEquals(3, metric.get("DimensionExhausted").get("cpu").asInt());
      assertEquals(3, metric.get("NodesAvailable").get("dc1").asInt());
      assertEquals(0, metric.get("CoalescedFailures").asInt());

      String blockedId = eval.get("BlockedEval").asText();
      JsonNode blocked = c.json("/v1/evaluation/" + blockedId);
      assertEquals("blocked", blocked.get("Status").asText());
      assertEquals("queued-allocs", blocked.get("TriggeredBy").asText());
      assertEquals("created to place remaining allocations", blocked.get("StatusDescription").asText());
      assertEquals(eval.get("ID").asText(), blocked.get("PreviousEval").asText());
      assertEquals(1, c.json("/v1/job/big/summary").get("Summary").get("g").get("Queued").asInt());
      assertEquals("pending", c.json("/v1/job/big").get("Status").asText());

      NodeGroupConfig bigger = new NodeGroupConfig("large", 1, "", "", 8000, 16384, 102_400, 150, 1000,
          NodeGroupConfig.ALL_DRIVERS, Map.of());
      String nodeId = c.t.agent.fleet().addNode(bigger).toCompletionStage().toCompletableFuture()
          .get(10, TimeUnit.SECONDS).id();
      JsonNode done = c.await("/v1/evaluation/" + blockedId, e -> e.get("Status").asText().equals("complete"));
      assertTrue(done.get("FailedTGAllocs").isNull());
      JsonNode alloc = c.await("/v1/job/big/allocations",
          l -> l.size() == 1 && l.get(0).get("ClientStatus").asText().equals("running")).get(0);
      assertEquals(nodeId, alloc.get("NodeID").asText());
      assertEquals(blockedId, alloc.get("EvalID").asText());
      c.await("/v1/job/big/summary", s -> s.get("Summary").get("g").get("Queued").asInt() == 0
          && s.get("Summary").get("g").get("Running").asInt() == 1);
      assertEquals("running", c.json("/v1/job/big").get("Status").asText());
      assertEquals(4, c.json("/v1/nodes").size());
    }
  }
}
