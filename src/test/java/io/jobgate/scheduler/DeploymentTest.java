package io.jobgate.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobgate.support.Cluster;
import io.jobgate.support.Jobs;
import io.jobgate.support.TestAgent;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deployments (spec §14): rolling updates, canaries and promotion, auto-revert. */
class DeploymentTest {

  /** MinHealthyTime 2s, HealthyDeadline 1m, ProgressDeadline 10m: 20 ms / 0.6 s / 6 s at scale 0.01. */
  private static final String UPDATE = """
      "Update": {"MaxParallel": 1, "HealthCheck": "task_states", "MinHealthyTime": 2000000000,
        "HealthyDeadline": 60000000000, "ProgressDeadline": 600000000000, "AutoRevert": %s, "Canary": %d}""";

  private Cluster c;

  @BeforeEach
  void start() {
    c = new Cluster(TestAgent.startCluster(0.01));
  }

  @AfterEach
  void stop() {
    c.close();
  }

  private String job(String id, String version, boolean autoRevert, int canary, String extraConfig) {
    return Jobs.service(id, 3, UPDATE.formatted(autoRevert, canary),
        "{\"command\": \"" + version + "\"" + extraConfig + "}");
  }

  /** The job's deployment of {@code version} once it has {@code status}; later ones may exist by then. */
  private JsonNode awaitDeployment(String job, long version, String status) {
    JsonNode[] found = new JsonNode[1];
    c.await("/v1/job/" + job + "/deployments", l -> {
      for (JsonNode d : l) {
        if (d.get("JobVersion").asLong() == version && d.get("Status").asText().equals(status)) {
          found[0] = d;
          return true;
        }
      }
      return false;
    });
    return found[0];
  }

  private int runningOfVersion(String job, long version) {
    int n = 0;
    for (JsonNode a : c.json("/v1/job/" + job + "/allocations")) {
      if (a.get("JobVersion").asLong() == version && a.get("ClientStatus").asText().equals("running")
          && a.get("DesiredStatus").asText().equals("run")) {
        n++;
      }
    }
    return n;
  }

  @Test
  void rollingUpdateReplacesOneAtATimeAndMarksTheVersionStable() {
    c.register(job("roll", "v0", false, 0, ""));
    JsonNode first = awaitDeployment("roll", 0, "successful");
    assertEquals("Deployment completed successfully", first.get("StatusDescription").asText());
    JsonNode state = first.get("TaskGroups").get("app");
    assertEquals(3, state.get("DesiredTotal").asInt());
    assertEquals(3, state.get("PlacedAllocs").asInt());
    assertEquals(3, state.get("HealthyAllocs").asInt());
    assertTrue(c.json("/v1/job/roll/versions").get("Versions").get(0).get("Stable").asBoolean());

    c.register(job("roll", "v1", false, 0, ""));
    JsonNode second = awaitDeployment("roll", 1, "successful");
    assertEquals(3, second.get("TaskGroups").get("app").get("HealthyAllocs").asInt());
    assertEquals(0, second.get("TaskGroups").get("app").get("UnhealthyAllocs").asInt());
    c.await("/v1/job/roll/allocations", l -> runningOfVersion("roll", 1) == 3);
    Set<String> evals = new HashSet<>();
    int stopped = 0;
    for (JsonNode a : c.json("/v1/job/roll/allocations")) {
      if (a.get("JobVersion").asLong() == 1) {
        evals.add(a.get("EvalID").asText());
        assertTrue(a.get("DeploymentStatus").get("Healthy").asBoolean());
      } else {
        assertEquals("stop", a.get("DesiredStatus").asText());
        assertEquals("alloc is being updated due to job update", a.get("DesiredDescription").asText());
        stopped++;
      }
    }
    assertEquals(3, stopped);
    assertEquals(3, evals.size(), "MaxParallel 1: each replacement came from its own evaluation");
    JsonNode deploymentAllocs = c.json("/v1/deployment/allocations/" + second.get("ID").asText());
    assertEquals(3, deploymentAllocs.size());
    JsonNode v1 = c.json("/v1/job/roll/versions").get("Versions").get(0);
    assertEquals(1, v1.get("Version").asInt());
    assertTrue(v1.get("Stable").asBoolean());
  }

  @Test
  void canaryWaitsForPromotionThenTheRestRollsOut() {
    c.register(job("can", "v0", false, 1, ""));
    awaitDeployment("can", 0, "successful");
    c.register(job("can", "v1", false, 1, ""));
    JsonNode waiting = c.await("/v1/job/can/deployment", d -> d.get("JobVersion").asLong() == 1
        && d.get("TaskGroups").get("app").get("HealthyAllocs").asInt() == 1);
    assertEquals("running", waiting.get("Status").asText());
    assertEquals("Deployment is running but requires promotion", waiting.get("StatusDescription").asText());
    JsonNode state = waiting.get("TaskGroups").get("app");
    assertEquals(1, state.get("DesiredCanaries").asInt());
    assertFalse(state.get("Promoted").asBoolean());
    String canaryId = state.get("PlacedCanaries").get(0).asText();
    JsonNode canary = c.json("/v1/allocation/" + canaryId);
    assertTrue(canary.get("DeploymentStatus").get("Canary").asBoolean());
    assertEquals(3, runningOfVersion("can", 0), "old allocations keep running until promotion");

    String id = waiting.get("ID").asText();
    HttpResponse<String> bad = c.t.put("/v1/deployment/promote/" + id, "{\"DeploymentID\": \"other\", \"All\": true}");
    assertEquals(400, bad.statusCode());
    assertEquals("Deployment ID does not match", bad.body());
    HttpResponse<String> promoted = c.t.put("/v1/deployment/promote/" + id,
        "{\"DeploymentID\": \"" + id + "\", \"All\": true}");
    assertEquals(200, promoted.statusCode(), promoted.body());
    JsonNode reply = Cluster.parse(promoted.body());
    assertEquals(reply.get("Index").asLong(), c.t.index(promoted));
    assertEquals("deployment-watcher", c.json("/v1/evaluation/" + reply.get("EvalID").asText())
        .get("TriggeredBy").asText());

    JsonNode done = awaitDeployment("can", 1, "successful");
    assertTrue(done.get("TaskGroups").get("app").get("Promoted").asBoolean());
    c.await("/v1/job/can/allocations", l -> runningOfVersion("can", 1) == 3 && runningOfVersion("can", 0) == 0);
    assertEquals("run", c.json("/v1/allocation/" + canaryId).get("DesiredStatus").asText());
  }

  @Test
  void unhealthyDeploymentFailsAndRevertsToTheLatestStableVersion() {
    c.register(job("rev", "v0", true, 0, ""));
    awaitDeployment("rev", 0, "successful");
    String restart = "\"RestartPolicy\": {\"Attempts\": 0, \"Interval\": 10000000000, \"Delay\": 1000000000,"
        + " \"Mode\": \"fail\"}";
    c.register(Jobs.service("rev", 3, UPDATE.formatted(true, 0) + ", " + restart,
        "{\"command\": \"v1\", \"run_for\": \"1s\", \"exit_code\": 2}"));
    JsonNode failed = awaitDeployment("rev", 1, "failed");
    assertEquals("Failed due to unhealthy allocations - rolling back to job version 0",
        failed.get("StatusDescription").asText());
    assertEquals(1, failed.get("TaskGroups").get("app").get("UnhealthyAllocs").asInt());
    JsonNode job = c.await("/v1/job/rev", j -> j.get("Version").asLong() == 2);
    assertEquals("v0", job.get("TaskGroups").get(0).get("Tasks").get(0).get("Config").get("command").asText());
    awaitDeployment("rev", 2, "successful");
    c.await("/v1/job/rev/allocations", l -> runningOfVersion("rev", 2) == 3);
  }

  @Test
  void failingADeploymentByHandAnswersLikeNomad() {
    HttpResponse<String> missing = c.t.put("/v1/deployment/fail/nope", "");
    assertEquals(400, missing.statusCode());
    assertEquals("deployment not found", missing.body());
    assertEquals(404, c.t.get("/v1/deployment/nope").statusCode());
    assertEquals("deployment not found", c.t.get("/v1/deployment/nope").body());
    c.register(job("man", "v0", false, 0, ", \"start_block_for\": \"1h\""));
    JsonNode d = c.await("/v1/job/man/deployment", x -> !x.isNull());
    HttpResponse<String> r = c.t.post("/v1/deployment/fail/" + d.get("ID").asText(), "");
    assertEquals(200, r.statusCode(), r.body());
    JsonNode failed = c.json("/v1/deployment/" + d.get("ID").asText());
    assertEquals("failed", failed.get("Status").asText());
    assertEquals("Deployment marked as failed", failed.get("StatusDescription").asText());
    assertEquals(1, c.json("/v1/deployments").size());
  }
}
