package io.jobgate.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobgate.structs.Json;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** JSON helpers over a {@link TestAgent} running a simulated cluster. */
public final class Cluster implements AutoCloseable {

  /** Generous: the machine is shared, and the default time scale still runs real timers. */
  public static final Duration WAIT = Duration.ofSeconds(30);

  public final TestAgent t;

  public Cluster(TestAgent t) {
    this.t = t;
  }

  public JsonNode json(String path) {
    HttpResponse<String> r = t.get(path);
    assertEquals(200, r.statusCode(), path + ": " + r.body());
    return parse(r.body());
  }

  public static JsonNode parse(String body) {
    try {
      return Json.MAPPER.readTree(body);
    } catch (Exception e) {
      throw new IllegalStateException(body, e);
    }
  }

  /** Polls {@code path} until {@code done} holds, returning that answer. */
  public JsonNode await(String path, Predicate<JsonNode> done) {
    return Poll.until(WAIT, () -> json(path), done);
  }

  /** Registers a job body and returns the register reply. */
  public JsonNode register(String body) {
    HttpResponse<String> r = t.put("/v1/jobs", body);
    assertEquals(200, r.statusCode(), r.body());
    return parse(r.body());
  }

  /** Waits for the evaluation to finish and returns it. */
  public JsonNode awaitEval(String evalId) {
    return await("/v1/evaluation/" + evalId, e -> !e.get("Status").asText().equals("pending")
        && !e.get("Status").asText().equals("blocked"));
  }

  @Override
  public void close() {
    t.close();
  }
}
