package io.jobgate.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobgate.support.Cluster;
import io.jobgate.support.Jobs;
import io.jobgate.support.TestAgent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tasks that finish: a batch job completing, a failing task restarting and then rescheduled. */
class BatchAndRescheduleTest {

  private static List<String> eventTypes(JsonNode taskState) {
    List<String> out = new ArrayList<>();
    taskState.get("Events").forEach(e -> out.add(e.get("Type").asText()));
    return out;
  }

  @Test
  void batchJobRunsForItsRealDurationThenCompletesAndDies() {
    try (Cluster c = new Cluster(TestAgent.startCluster(1.0))) {
      c.register(Jobs.batch("once", "1s", 0));
      JsonNode alloc = c.await("/v1/job/once/allocations",
          l -> l.size() == 1 && l.get(0).get("ClientStatus").asText().equals("complete")).get(0);
      JsonNode t = alloc.get("TaskStates").get("t");
      assertEquals(List.of("Received", "Task Setup", "Started", "Terminated"), eventTypes(t));
      assertFalse(t.get("Failed").asBoolean());
      long ran = t.get("Events").get(3).get("Time").asLong() - t.get("Events").get(2).get("Time").asLong();
      assertTrue(ran >= 1_000_000_000L && ran < 5_000_000_000L, "ran " + ran + " ns");
      assertEquals("Exit Code: 0", t.get("Events").get(3).get("DisplayMessage").asText());
      JsonNode summary = c.await("/v1/job/once/summary",
          s -> s.get("Summary").get("work").get("Complete").asInt() == 1);
      assertEquals(0, summary.get("Summary").get("work").get("Running").asInt());
      c.await("/v1/job/once", j -> j.get("Status").asText().equals("dead"));
    }
  }

  @Test
  void failingTaskRestartsWithinPolicyThenIsRescheduledAfterItsDelay() {
    try (Cluster c = new Cluster(TestAgent.startCluster(0.01))) {
      String group = """
          "RestartPolicy": {"Attempts": 1, "Interval": 10000000000, "Delay": 1000000000, "Mode": "fail"},
          "ReschedulePolicy": {"Attempts": 1, "Interval": 3600000000000, "Delay": 120000000000,
            "DelayFunction": "constant", "Unlimited": false}""";
      c.register(Jobs.service("flaky", 1, group, "{\"command\": \"x\", \"run_for\": \"1s\", \"exit_code\": 1}"));
      JsonNode failed = c.await("/v1/job/flaky/allocations",
          l -> l.size() >= 1 && l.get(0).get("ClientStatus").asText().equals("failed")).get(0);
      JsonNode t = failed.get("TaskStates").get("main");
      assertEquals(List.of("Received", "Task Setup", "Started", "Terminated", "Restarting", "Started", "Terminated",
          "Not Restarting"), eventTypes(t).subList(0, 8));
      assertEquals(1, t.get("Restarts").asInt());
      assertTrue(t.get("Failed").asBoolean());
      assertEquals("Exit Code: 1", t.get("Events").get(3).get("DisplayMessage").asText());
      assertTrue(t.get("Events").get(4).get("DisplayMessage").asText().startsWith("Task restarting in 1"));
      assertEquals("Exceeded allowed attempts 1 in interval 10s and mode is \"fail\"",
          t.get("Events").get(7).get("DisplayMessage").asText());

      JsonNode allocs = c.await("/v1/job/flaky/allocations", l -> l.size() == 2);
      JsonNode first = null;
      JsonNode second = null;
      for (JsonNode a : allocs) {
        if (a.get("ID").asText().equals(failed.get("ID").asText())) {
          first = a;
        } else {
          second = a;
        }
      }
      assertEquals("flaky.app[0]", second.get("Name").asText());
      JsonNode full = c.json("/v1/allocation/" + second.get("ID").asText());
      assertEquals(failed.get("ID").asText(), full.get("PreviousAllocation").asText());
      JsonNode event = second.get("RescheduleTracker").get("Events").get(0);
      assertEquals(120_000_000_000L, event.get("Delay").asLong());
      // The 2m delay is 1.2 s at time scale 0.01: the replacement may not come sooner.
      long failedAt = t.get("Events").get(7).get("Time").asLong();
      assertTrue(second.get("CreateTime").asLong() - failedAt >= 1_100_000_000L,
          "replaced " + (second.get("CreateTime").asLong() - failedAt) + " ns after the failure");
      assertEquals(failed.get("ID").asText(), event.get("PrevAllocID").asText());
      assertEquals(second.get("ID").asText(),
          c.json("/v1/allocation/" + first.get("ID").asText()).get("NextAllocation").asText());

      assertTrue(c.json("/v1/job/flaky/summary").get("Summary").get("app").get("Failed").asInt() >= 1);
      String followup = first.get("FollowupEvalID").asText();
      JsonNode eval = c.json("/v1/evaluation/" + followup);
      assertEquals("alloc-failure", eval.get("TriggeredBy").asText());
      // Nomad's setStatus overwrites the "created for delayed rescheduling" description once it ran.
      assertEquals("complete", eval.get("Status").asText());
      assertFalse(eval.get("WaitUntil").asText().startsWith("0001"));
      assertEquals(second.get("EvalID").asText(), followup);
    }
  }

  @Test
  void dispatchedChildrenMoveThroughTheParentsChildrenCounters() {
    try (Cluster c = new Cluster(TestAgent.startCluster(0.01))) {
      String parent = """
          {"Job": {"ID": "report", "Type": "batch", "Datacenters": ["dc1"],
            "ParameterizedJob": {"Payload": "forbidden"},
            "TaskGroups": [{"Name": "work", "Tasks": [{"Name": "t", "Driver": "exec",
              "Config": {"command": "x", "run_for": "5m"}, "Resources": {"CPU": 100, "MemoryMB": 64}}]}]}}""";
      c.register(parent);
      String child = Cluster.parse(c.t.put("/v1/job/report/dispatch", "{}").body()).get("DispatchedJobID").asText();
      // run_for 5m is 3 s at time scale 0.01: long enough to see the child running.
      c.await("/v1/job/" + child + "/allocations",
          l -> l.size() == 1 && l.get(0).get("ClientStatus").asText().equals("running"));
      JsonNode running = c.json("/v1/job/report/summary").get("Children");
      assertEquals(1, running.get("Running").asInt(), running.toString());
      JsonNode dead = c.await("/v1/job/report/summary", s -> s.get("Children").get("Dead").asInt() == 1)
          .get("Children");
      assertEquals(0, dead.get("Running").asInt());
      assertEquals(0, dead.get("Pending").asInt());
      assertEquals("dead", c.json("/v1/job/" + child).get("Status").asText());
      assertEquals(1, c.json("/v1/job/" + child + "/summary").get("Summary").get("work").get("Complete").asInt());
    }
  }
}
