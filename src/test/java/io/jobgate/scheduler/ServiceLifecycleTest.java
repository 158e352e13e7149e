package io.jobgate.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobgate.support.Cluster;
import io.jobgate.support.Jobs;
import io.jobgate.support.TestAgent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A service job from register to dead, through the HTTP API only (spec §9, §13, §15). */
class ServiceLifecycleTest {

  private Cluster c;

  @BeforeEach
  void start() {
    c = new Cluster(TestAgent.startCluster(0.01));
  }

  @AfterEach
  void stop() {
    c.close();
  }

  private static List<String> eventTypes(JsonNode taskState) {
    List<String> out = new ArrayList<>();
    taskState.get("Events").forEach(e -> out.add(e.get("Type").asText()));
    return out;
  }

  @Test
  void aTaskThatKeepsRestartingKeepsItsLastTenEventsAsNomadsClientDoes() {
    c.register(Jobs.service("flap", 1,
        "\"RestartPolicy\": {\"Attempts\": 100, \"Interval\": 3600000000000, \"Delay\": 1000000, \"Mode\": \"delay\"}",
        "{\"command\": \"/bin/flap\", \"run_for\": \"10ms\", \"exit_code\": 1}"));
    JsonNode alloc = c.await("/v1/job/flap/allocations", a -> a.size() == 1);
    String id = alloc.get(0).get("ID").asText();
    JsonNode main = c.await("/v1/allocation/" + id, a -> a.path("TaskStates").path("main").path("Restarts").asLong() >= 5)
        .get("TaskStates").get("main");
    List<String> types = eventTypes(main);
    assertEquals(10, types.size(), types.toString());
    assertTrue(!types.contains("Received"), "the oldest events were dropped: " + types);
  }

  @Test
  void registerPlacesRunsThenStopKillsAndTheJobDies() {
    JsonNode reg = c.register(Jobs.example("web", 2));
    JsonNode eval = c.awaitEval(reg.get("EvalID").asText());
    assertEquals("complete", eval.get("Status").asText());
    assertEquals(0, eval.get("QueuedAllocations").get("cache").asInt());
    assertTrue(eval.get("FailedTGAllocs").isNull());
    assertTrue(eval.get("SnapshotIndex").asLong() >= reg.get("EvalCreateIndex").asLong());

    JsonNode allocs = c.json("/v1/evaluation/" + eval.get("ID").asText() + "/allocations");
    assertEquals(2, allocs.size());
    List<String> names = new ArrayList<>();
    allocs.forEach(a -> names.add(a.get("Name").asText()));
    names.sort(null);
    assertEquals(List.of("web.cache[0]", "web.cache[1]"), names);

    String allocId = allocs.get(0).get("ID").asText();
    JsonNode alloc = c.await("/v1/allocation/" + allocId, a -> a.get("ClientStatus").asText().equals("running"));
    JsonNode redis = alloc.get("TaskStates").get("redis");
    assertEquals("running", redis.get("State").asText());
    assertEquals(List.of("Received", "Task Setup", "Started"), eventTypes(redis));
    assertEquals("Task received by client", redis.get("Events").get(0).get("DisplayMessage").asText());
    assertEquals("Task started by client", redis.get("Events").get(2).get("DisplayMessage").asText());
    assertEquals(500, alloc.get("Resources").get("CPU").asInt());
    int port = alloc.get("TaskResources").get("redis").get("Networks").get(0).get("DynamicPorts").get(0)
        .get("Value").asInt();
    assertTrue(port >= 20000 && port < 32000, "dynamic port " + port);
    assertTrue(alloc.get("Metrics").get("NodesEvaluated").asInt() >= 1);
    assertTrue(alloc.get("Metrics").get("Scores").fieldNames().next().endsWith(".binpack"));
    assertEquals("ready", c.json("/v1/node/" + alloc.get("NodeID").asText()).get("Status").asText());

    JsonNode summary = c.await("/v1/job/web/summary",
        s -> s.get("Summary").get("cache").get("Running").asInt() == 2);
    assertEquals(0, summary.get("Summary").get("cache").get("Queued").asInt());
    assertEquals(0, summary.get("Summary").get("cache").get("Starting").asInt());
    assertEquals("running", c.json("/v1/job/web").get("Status").asText());

    JsonNode dereg = Cluster.parse(c.t.delete("/v1/job/web").body());
    assertEquals("complete", c.awaitEval(dereg.get("EvalID").asText()).get("Status").asText());
    JsonNode stopped = c.await("/v1/allocation/" + allocId, a -> a.get("ClientStatus").asText().equals("complete"));
    assertEquals("stop", stopped.get("DesiredStatus").asText());
    assertEquals("alloc not needed due to job update", stopped.get("DesiredDescription").asText());
    JsonNode task = stopped.get("TaskStates").get("redis");
    assertEquals("dead", task.get("State").asText());
    assertEquals(List.of("Received", "Task Setup", "Started", "Killing", "Killed"), eventTypes(task));
    assertEquals("Sent interrupt. Waiting 5s before force killing",
        task.get("Events").get(3).get("DisplayMessage").asText());
    assertEquals("Task successfully killed", task.get("Events").get(4).get("DisplayMessage").asText());
    c.await("/v1/job/web", j -> j.get("Status").asText().equals("dead"));

    String metrics = c.t.get("/metrics").body();
    assertTrue(metrics.contains("jobgate_scheduler_placements_total 2.0"), metrics);
    assertTrue(metrics.contains("jobgate_broker_evals{status=\"unacked\"} 0.0"), metrics);
  }

  @Test
  void aTaskSlowToDieIsKilledAtItsKillTimeout() {
    String body = """
        {"Job": {"ID": "stubborn", "Datacenters": ["dc1"],
          "TaskGroups": [{"Name": "g", "Tasks": [{"Name": "t", "Driver": "exec", "KillTimeout": 2000000000,
            "Config": {"command": "x", "kill_after": "1h"}, "Resources": {"CPU": 100, "MemoryMB": 64}}]}]}}""";
    c.register(body);
    c.await("/v1/job/stubborn/allocations", l -> l.size() == 1 && l.get(0).get("ClientStatus").asText().equals("running"));
    c.t.delete("/v1/job/stubborn");
    JsonNode t = c.await("/v1/job/stubborn/allocations", l -> l.get(0).get("ClientStatus").asText().equals("complete"))
        .get(0).get("TaskStates").get("t");
    List<String> types = eventTypes(t);
    JsonNode killing = t.get("Events").get(types.indexOf("Killing"));
    JsonNode killed = t.get("Events").get(types.indexOf("Killed"));
    assertEquals(2_000_000_000L, killing.get("KillTimeout").asLong());
    assertEquals("Sent interrupt. Waiting 2s before force killing", killing.get("DisplayMessage").asText());
    long took = killed.get("Time").asLong() - killing.get("Time").asLong();
    // KillTimeout 2s at time scale 0.01 is 20 ms; kill_after (1h, 36 s scaled) never comes.
    assertTrue(took >= 15_000_000L && took < 10_000_000_000L, "killed after " + took + " ns");
  }
}
