package io.jobgate.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobgate.support.Jobs;
import io.jobgate.support.TestAgent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise of issue 5, end to end: an agent in its own JVM takes registers from several
 * clients, is killed with SIGKILL mid-stream, and restarts on the same data dir with every
 * acknowledged job and an index above every index it acknowledged.
 */
class CrashTest {

  private static final int CLIENTS = 6;

  @TempDir
  Path dir;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void everyAcknowledgedWriteSurvivesKillDashNine() throws Exception {
    int port = TestAgent.freePort();
    String base = "http://127.0.0.1:" + port;
    Process agent = startAgent(port);
    Map<String, Long> acknowledged = new ConcurrentHashMap<>();
    AtomicLong maxIndex = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> clients = new ArrayList<>();
    try {
      awaitHealthy(base, agent);
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        Thread t = new Thread(() -> {
          for (int i = 0; !stop.get(); i++) {
            String id = "c" + client + "-" + i;
            try {
              HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/v1/jobs"))
                  .PUT(HttpRequest.BodyPublishers.ofString(Jobs.example(id))));
              if (r.statusCode() == 200) {
                long index = Long.parseLong(r.headers().firstValue("X-Nomad-Index").orElseThrow());
                acknowledged.put(id, index);
                maxIndex.accumulateAndGet(index, Math::max);
              }
            } catch (IOException | InterruptedException killed) {
              return;
            }
          }
        });
        t.start();
        clients.add(t);
      }
      while (acknowledged.size() < 300) {
        Thread.sleep(20);
      }
      agent.destroyForcibly();
      agent.waitFor(10, TimeUnit.SECONDS);
    } finally {
      stop.set(true);
      agent.destroyForcibly();
    }
    for (Thread t : clients) {
      t.join(10_000);
    }

    Process restarted = startAgent(port);
    try {
      awaitHealthy(base, restarted);
      for (Map.Entry<String, Long> e : acknowledged.entrySet()) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/v1/job/" + e.getKey())).GET());
        assertEquals(200, r.statusCode(), "acknowledged job " + e.getKey() + " (index " + e.getValue() + ") lost");
      }
      HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/v1/jobs"))
          .PUT(HttpRequest.BodyPublishers.ofString(Jobs.example("after-restart"))));
      assertEquals(200, r.statusCode(), r.body());
      long first = Long.parseLong(r.headers().firstValue("X-Nomad-Index").orElseThrow());
      assertTrue(first > maxIndex.get(), "first index after restart " + first + " <= " + maxIndex.get());

      // The lock died with the killed JVM; a second agent on the live one's data dir is refused.
      Process second = startAgent(TestAgent.freePort());
      assertNotEquals(0, second.waitFor());
      String err = output(second);
      assertTrue(err.contains("is in use by another jobgate agent"), err);
    } finally {
      restarted.destroyForcibly();
    }
  }

  private final Map<Process, Path> logs = new ConcurrentHashMap<>();

  /** The agent's JVM, with this test's classpath; its output goes to a file so it can never block on a pipe. */
  private Process startAgent(int port) throws IOException {
    Path log = Files.createTempFile(dir, "agent-", ".log");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "io.jobgate.cli.Main", "agent",
        "-data-dir", dir.resolve("data").toString(), "-http-port", Integer.toString(port))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    logs.put(p, log);
    return p;
  }

  private String output(Process p) {
    try {
      return Files.readString(logs.get(p));
    } catch (IOException e) {
      return e.toString();
    }
  }

  private void awaitHealthy(String base, Process agent) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      assertTrue(agent.isAlive(), () -> "agent exited: " + output(agent));
      try {
        if (send(HttpRequest.newBuilder(URI.create(base + "/v1/agent/health")).GET()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError("agent did not come up");
  }

  private HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
    return http.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
