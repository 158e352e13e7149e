package io.jobgate.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobgate.structs.Json;
import io.jobgate.support.Jobs;
import io.jobgate.support.Poll;
import io.jobgate.support.TestAgent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clients that held indexes from before a restart get correct answers after it, never a hang. */
class RestartTest {

  @TempDir
  Path dir;

  @Test
  void aWatcherHoldingAnIndexFromBeforeTheRestartIsAnsweredCorrectly() throws Exception {
    TestAgent a = TestAgent.startDurable(dir);
    long staleIndex = a.index(a.put("/v1/jobs", Jobs.example("web")));
    a.put("/v1/jobs", Jobs.example("web", 2));
    long jobIndex = a.index(a.get("/v1/job/web"));
    // A watcher parked at shutdown is answered with what is current, not left hanging.
    CompletableFuture<HttpResponse<String>> parked = a.http().sendAsync(
        HttpRequest.newBuilder(URI.create(a.base + "/v1/job/web?index=" + jobIndex + "&wait=60s")).build(),
        HttpResponse.BodyHandlers.ofString());
    Thread.sleep(300);
    a.close();
    assertEquals(jobIndex, a.index(parked.get()));

    try (TestAgent b = TestAgent.startDurable(dir)) {
      // Behind the current state: answered at once with the job's real index.
      long start = System.nanoTime();
      HttpResponse<String> behind = b.get("/v1/job/web?index=" + staleIndex + "&wait=60s");
      assertEquals(jobIndex, b.index(behind));
      assertTrue(System.nanoTime() - start < 5_000_000_000L);
      // Up to date: parks, and the next change after the restart wakes it with a higher index.
      CompletableFuture<HttpResponse<String>> watcher = b.http().sendAsync(
          HttpRequest.newBuilder(URI.create(b.base + "/v1/job/web?index=" + jobIndex + "&wait=60s")).build(),
          HttpResponse.BodyHandlers.ofString());
      Thread.sleep(300);
      assertTrue(!watcher.isDone(), "nothing changed yet");
      long update = b.index(b.put("/v1/jobs", Jobs.example("web", 3)));
      HttpResponse<String> woken = watcher.get();
      assertTrue(b.index(woken) > jobIndex);
      assertTrue(update > jobIndex);
    }
  }

  @Test
  void aTaskThatWasRunningRunsAgainAfterARestartWithARestartingEventAfterItsHistory() throws Exception {
    String allocId;
    try (TestAgent a = TestAgent.startDurableCluster(dir)) {
      assertEquals(200, a.put("/v1/jobs", Jobs.example("web")).statusCode());
      JsonNode alloc = Poll.until(Duration.ofSeconds(20), () -> firstAlloc(a),
          n -> n != null && "running".equals(n.path("ClientStatus").asText()));
      allocId = alloc.get("ID").asText();
      assertEquals(List.of("Received", "Task Setup", "Started"), eventTypes(a, allocId));
    }
    try (TestAgent b = TestAgent.startDurableCluster(dir)) {
      JsonNode task = Poll.until(Duration.ofSeconds(20), () -> taskState(b, allocId),
          t -> "running".equals(t.path("State").asText()) && t.path("Restarts").asLong() == 1);
      assertEquals(List.of("Received", "Task Setup", "Started", "Restarting", "Started"), eventTypes(b, allocId),
          "the history before the restart is kept, and the restart shows");
      JsonNode restarting = task.get("Events").get(3);
      assertEquals("Restarted after the agent restarted", restarting.get("RestartReason").asText());
      assertEquals("running", Json.MAPPER.readTree(b.get("/v1/allocation/" + allocId).body())
          .get("ClientStatus").asText());
      assertEquals(1, Json.MAPPER.readTree(b.get("/v1/job/web/allocations").body()).size(),
          "the same allocation runs again; nothing was placed twice");
    }
  }

  private static JsonNode firstAlloc(TestAgent a) {
    try {
      JsonNode allocs = Json.MAPPER.readTree(a.get("/v1/job/web/allocations").body());
      return allocs.size() == 0 ? null : allocs.get(0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode taskState(TestAgent a, String allocId) {
    try {
      return Json.MAPPER.readTree(a.get("/v1/allocation/" + allocId).body()).path("TaskStates").path("redis");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> eventTypes(TestAgent a, String allocId) {
    List<String> types = new ArrayList<>();
    taskState(a, allocId).path("Events").forEach(e -> types.add(e.get("Type").asText()));
    return types;
  }
}
