package io.jobgate.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobgate.support.Jobs;
import io.jobgate.support.TestAgent;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
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
}
