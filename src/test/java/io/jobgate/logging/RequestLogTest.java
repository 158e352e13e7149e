package io.jobgate.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobgate.config.AgentConfig;
import io.jobgate.support.Jobs;
import io.jobgate.support.TestAgent;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One structured line per request at debug and per state change at info; never a token. */
class RequestLogTest {

  private static final String TOKEN = "s3cr3t-token-4f1c9a";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @AfterEach
  void restore() {
    Logging.configure(TestAgent.LOG_LEVEL, AgentConfig.DEFAULT_LOG_FORMAT);
  }

  private List<String> lines() {
    Logging.flush();
    synchronized (out) {
      return out.toString(StandardCharsets.UTF_8).lines().toList();
    }
  }

  private static HttpRequest.Builder withToken(TestAgent t, String path) {
    return HttpRequest.newBuilder(URI.create(t.base + path)).header("X-Nomad-Token", TOKEN);
  }

  @Test
  void debugLogsOneJsonLinePerRequestWithRouteStatusDurationAndIndexButNoToken() {
    Logging.configure("debug", "json", out);
    try (TestAgent t = TestAgent.start()) {
      t.send(withToken(t, "/v1/jobs").PUT(HttpRequest.BodyPublishers.ofString(Jobs.example("log-a"))));
      t.send(withToken(t, "/v1/job/log-a?token=" + TOKEN).GET());
    }
    List<JsonObject> requests = lines().stream().map(JsonObject::new)
        .filter(j -> "request".equals(j.getString("msg"))).toList();
    JsonObject read = requests.stream().filter(j -> "/v1/job/:id".equals(j.getString("route"))).findFirst()
        .orElseThrow(() -> new AssertionError(lines()));
    assertEquals("debug", read.getString("level"));
    assertEquals("GET", read.getString("method"));
    assertEquals(200, read.getInteger("status"));
    assertEquals("/v1/job/log-a", read.getString("path"));
    assertTrue(read.getDouble("duration_ms") >= 0);
    assertTrue(read.getLong("index") >= 1);
    assertTrue(requests.stream().anyMatch(j -> "PUT".equals(j.getString("method"))));
    for (String line : lines()) {
      assertFalse(line.contains(TOKEN), "a token reached the log: " + line);
    }
  }

  @Test
  void infoLogsEachStateChangeButNoRequests() {
    Logging.configure("info", "logfmt", out);
    try (TestAgent t = TestAgent.start()) {
      t.put("/v1/jobs", Jobs.example("log-b"));
      t.get("/v1/jobs");
    }
    List<String> lines = lines();
    assertTrue(lines.stream().anyMatch(l -> l.contains("level=info") && l.contains("msg=\"state change\"")
        && l.matches(".* index=\\d+ .*") && l.contains("tables=")), String.join("\n", lines));
    assertFalse(lines.stream().anyMatch(l -> l.contains("msg=request")), "requests are logged at debug only");
    assertTrue(lines.stream().allMatch(l -> l.startsWith("time=")), "one logfmt line per event");
  }
}
