package io.jobgate.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobgate.structs.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Requests with an {@code X-Nomad-Token}, and the few ACL steps every ACL test needs. */
public final class AclClient {

  private final TestAgent t;

  public AclClient(TestAgent t) {
    this.t = t;
  }

  /** {@code method} on {@code path} with {@code token} (null: no header) and an optional body. */
  public HttpResponse<String> send(String method, String path, String token, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(t.base + path)).method(method,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("X-Nomad-Token", token);
    }
    return t.send(b);
  }

  public HttpResponse<String> get(String path, String token) {
    return send("GET", path, token, null);
  }

  public HttpResponse<String> put(String path, String token, String body) {
    return send("PUT", path, token, body);
  }

  /** Bootstraps ACLs and returns the management secret. */
  public String bootstrap() {
    HttpResponse<String> r = send("POST", "/v1/acl/bootstrap", null, null);
    assertEquals(200, r.statusCode(), r.body());
    return json(r).get("SecretID").asText();
  }

  public void policy(String management, String name, String rules) {
    String body = Json.MAPPER.createObjectNode().put("Name", name).put("Rules", rules).toString();
    HttpResponse<String> r = put("/v1/acl/policy/" + name, management, body);
    assertEquals(200, r.statusCode(), r.body());
  }

  /** Creates a client token holding {@code policies}; returns the whole token as JSON. */
  public JsonNode clientToken(String management, String... policies) {
    var body = Json.MAPPER.createObjectNode().put("Name", "test").put("Type", "client");
    var list = body.putArray("Policies");
    for (String p : policies) {
      list.add(p);
    }
    HttpResponse<String> r = put("/v1/acl/token", management, body.toString());
    assertEquals(200, r.statusCode(), r.body());
    return json(r);
  }

  /** A client token's secret for one namespace rule: {@code namespace "<ns>" { capabilities = [...] }}. */
  public String tokenWith(String management, String policyName, String rules) {
    policy(management, policyName, rules);
    return clientToken(management, policyName).get("SecretID").asText();
  }

  public static JsonNode json(HttpResponse<String> r) {
    try {
      return Json.MAPPER.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + r.body(), e);
    }
  }
}
