package io.jobgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobgate.support.AgentProcess;
import io.jobgate.support.Jobs;
import io.jobgate.support.ParkedClients;
import io.jobgate.support.Scrape;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to a real agent process: readiness fails while the listener is still open, every parked
 * query is answered with 200 and its index, and the process exits 0 — not the JVM's 143.
 */
class SignalShutdownTest {

  private static final int PARKED = 100;

  @TempDir
  Path dir;

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void register(int port, String job) throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/v1/jobs").toURL()
        .openConnection();
    c.setRequestMethod("PUT");
    c.setDoOutput(true);
    c.getOutputStream().write(job.getBytes(StandardCharsets.UTF_8));
    assertEquals(200, c.getResponseCode());
    c.disconnect();
  }

  @Test
  void sigtermAnswersEveryParkedQueryAndExitsZero() throws Exception {
    int port = freePort();
    // A drain delay long enough to watch readiness fail before the listener closes; no scheduler,
    // so the job list stays at the index the parked queries hold.
    Map<String, String> env = Map.of("JOBGATE_SHUTDOWN_DRAIN_DELAY", "1s", "JOBGATE_LOG_FORMAT", "json",
        "JOBGATE_SCHEDULER_ENABLED", "false");
    try (AgentProcess agent = AgentProcess.start(List.of("-Xmx256m"), AgentProcess.classpathLaunch(), port, env,
        dir.resolve("agent.log"), Duration.ofSeconds(30))) {
      register(port, Jobs.example("signal-a"));
      long index = agent.index("/v1/jobs");
      try (ParkedClients clients = ParkedClients.open(port, "/v1/jobs?index=" + index + "&wait=5m", PARKED)) {
        assertTrue(clients.awaitSent(Duration.ofSeconds(10)));
        awaitParked(agent);

        long sent = System.nanoTime();
        agent.terminate();
        boolean sawNotReady = false;
        while (agent.alive() && System.nanoTime() - sent < 5_000_000_000L) {
          int ready = agent.status("/ready");
          if (ready == 503) {
            sawNotReady = true;
            break;
          }
          assertEquals(200, ready, "readiness answers until it fails; the listener must not close first");
        }
        assertTrue(sawNotReady, "readiness never reported 503 before the listener closed");

        int exit = agent.awaitExit(Duration.ofSeconds(15));
        long tookMs = (System.nanoTime() - sent) / 1_000_000;
        assertEquals(0, exit, agent.output());
        assertTrue(clients.awaitClosed(Duration.ofSeconds(5)), clients.summary().toString());
        ParkedClients.Summary s = clients.summary();
        assertEquals(PARKED, s.status200WithIndex(), s.toString());
        assertEquals(0, s.resets(), s.toString());
        assertEquals(0, s.otherErrors(), s.toString());
        clients.clients().forEach(c -> assertEquals(index, c.index()));
        assertTrue(tookMs < 10_000, "exit took " + tookMs + " ms");
        assertTrue(agent.output().contains("\"msg\":\"shutdown done\""), agent.output());
      }
    }
  }

  private static void awaitParked(AgentProcess agent) throws Exception {
    double parked = 0;
    for (int i = 0; i < 500 && parked < PARKED; i++) {
      parked = Scrape.parse(agent.get("/metrics")).sum("jobgate_blocking_queries");
      Thread.sleep(20);
    }
    assertEquals(PARKED, parked);
  }
}
