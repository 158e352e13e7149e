package io.jobgate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobgate.config.AgentConfig;
import io.jobgate.support.TestAgent;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every malformed request gets a 4xx a person can act on, and the store does not move. */
class BadInputTest {

  private static TestAgent t;

  @BeforeAll
  static void start() {
    t = TestAgent.start(AgentConfig.defaults().withMaxBodyBytes(64 * 1024));
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  private void refused(int status, String body, String expectedText) {
    long before = t.agent.store().snapshot().index();
    HttpResponse<String> r = t.put("/v1/jobs", body);
    assertEquals(status, r.statusCode(), r.body());
    if (expectedText != null) {
      assertEquals(expectedText, r.body());
    }
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    assertEquals(before, t.agent.store().snapshot().index(), "a refused write changed the store");
  }

  @Test
  void emptyBodyIsEof() {
    refused(400, "", "EOF");
  }

  @Test
  void brokenJson() {
    refused(400, "xyz", "invalid character 'x' looking for beginning of value");
    refused(400, "{\"Job\": {\"ID\": \"a\"", "unexpected EOF");
  }

  @Test
  void wrongTypesNameTheField() {
    refused(400, "{\"Job\":{\"ID\":\"a\",\"Priority\":\"high\"}}",
        "json: cannot unmarshal string into Go struct field Job.Priority of type int");
    refused(400, "{\"Job\":{\"ID\":\"a\",\"TaskGroups\":[{\"Name\":\"g\",\"Tasks\":[{\"Name\":\"t\","
        + "\"KillTimeout\":\"5s\"}]}]}}", "json: cannot unmarshal string into Go struct field Task.KillTimeout of type int64");
    refused(400, "{\"Job\":{\"ID\":\"a\",\"Priority\":50.5}}",
        "json: cannot unmarshal number into Go struct field Job.Priority of type int");
  }

  @Test
  void deepNestingIsRefused() {
    String deep = "{\"Job\":{\"ID\":\"a\",\"Meta\":" + "[".repeat(200) + "]".repeat(200) + "}}";
    refused(400, deep, null);
  }

  @Test
  void nonUtf8IsRefused() {
    long before = t.agent.store().snapshot().index();
    byte[] body = {'{', '"', 'J', 'o', 'b', '"', ':', '{', '"', 'I', 'D', '"', ':', '"', (byte) 0xff, (byte) 0xfe,
        '"', '}', '}'};
    HttpResponse<String> r = t.send(HttpRequest.newBuilder(URI.create(t.base + "/v1/jobs"))
        .PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
    assertEquals(400, r.statusCode(), r.body());
    assertEquals(before, t.agent.store().snapshot().index());
  }

  @Test
  void oversizedBodyIs413() {
    String big = "{\"Job\":{\"ID\":\"a\",\"Meta\":{\"k\":\"" + "x".repeat(70 * 1024) + "\"}}}";
    refused(413, big, "Request body too large: the limit is 65536 bytes");
  }

  @Test
  void unknownRegionIsRefused() {
    HttpResponse<String> r = t.get("/v1/jobs?region=mars");
    assertEquals(400, r.statusCode());
    assertEquals("No path to region", r.body());
  }

  @Test
  void unknownPathsAre404() {
    assertEquals(404, t.get("/v1/nothing-here").statusCode());
  }
}
