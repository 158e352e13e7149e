package io.jobgate.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobgate.state.JobKey;
import io.jobgate.state.StateWriter;
import io.jobgate.structs.Allocation;
import io.jobgate.structs.Evaluation;
import io.jobgate.structs.Job;
import io.jobgate.structs.Json;
import io.jobgate.support.Allocs;
import io.jobgate.support.Jobs;
import io.jobgate.support.TestAgent;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code PUT /v1/job/:id/dispatch} over raw HTTP (spec §7.13, §10). */
class DispatchApiTest {

  private static TestAgent t;

  @BeforeAll
  static void start() {
    t = TestAgent.start();
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  /** A parameterized batch job with parent meta. */
  private static void parameterized(String id, String payload) {
    String body = Jobs.batch(id).replace("\"Type\": \"batch\",", "\"Type\": \"batch\", \"Meta\": {\"owner\": \"ops\", "
        + "\"color\": \"blue\"}, \"ParameterizedJob\": {\"Payload\": \"" + payload + "\", \"MetaRequired\": [\"color\"],"
        + " \"MetaOptional\": [\"size\"]},");
    HttpResponse<String> r = t.put("/v1/jobs", body);
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(0, t.index(r), "a parameterized parent gets no eval");
  }

  private static HttpResponse<String> dispatch(String id, String body) {
    return t.put("/v1/job/" + id + "/dispatch", body);
  }

  private static String payload(int bytes) {
    byte[] data = new byte[bytes];
    Arrays.fill(data, (byte) 'x');
    return Base64.getEncoder().encodeToString(data);
  }

  private static void refused(String id, String body, String text) {
    long before = t.agent.store().snapshot().index();
    HttpResponse<String> r = dispatch(id, body);
    assertEquals(400, r.statusCode(), r.body());
    assertEquals(text, r.body());
    assertEquals(before, t.agent.store().snapshot().index(), "a refused dispatch wrote something");
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return Json.MAPPER.readTree(r.body());
  }

  @Test
  void requestAndParentErrorsUseNomadsTexts() {
    parameterized("disp-err", "optional");
    refused("disp-err", "", "EOF");
    refused("disp-err", "{\"JobID\":\"other\"}", "Job ID does not match");
    refused("disp-missing", "{}", "parameterized job not found");
    assertEquals(200, t.put("/v1/jobs", Jobs.batch("disp-plain")).statusCode());
    refused("disp-plain", "{}", "Specified job \"disp-plain\" is not a parameterized job");
    refused("disp-err", "{\"Meta\":{\"size\":\"l\"}}", "Dispatch did not provide required meta keys: [color]");
    refused("disp-err", "{\"Meta\":{\"color\":\"red\",\"zone\":\"a\",\"arch\":\"x\"}}",
        "Dispatch request included unpermitted metadata keys: [arch zone]");
    assertEquals(405, t.get("/v1/job/disp-err/dispatch").statusCode());
  }

  @Test
  void stoppedParentsAndChildrenCannotBeDispatched() throws Exception {
    parameterized("disp-stop", "optional");
    String child = json(dispatch("disp-stop", "{\"Meta\":{\"color\":\"red\"}}")).get("DispatchedJobID").asText();
    refused(child, "{\"Meta\":{\"color\":\"red\"}}", "Specified job \"" + child + "\" is not a parameterized job");
    assertEquals(200, t.delete("/v1/job/disp-stop").statusCode());
    refused("disp-stop", "{\"Meta\":{\"color\":\"red\"}}", "Specified job \"disp-stop\" is stopped");
  }

  @Test
  void payloadRequiredOptionalAndForbidden() {
    parameterized("disp-req", "required");
    refused("disp-req", "{\"Meta\":{\"color\":\"red\"}}", "Payload is not provided but required by parameterized job");
    assertEquals(200, dispatch("disp-req", "{\"Meta\":{\"color\":\"red\"},\"Payload\":\"" + payload(3) + "\"}")
        .statusCode());
    parameterized("disp-forbid", "forbidden");
    refused("disp-forbid", "{\"Meta\":{\"color\":\"red\"},\"Payload\":\"" + payload(3) + "\"}",
        "Payload provided but forbidden by parameterized job");
    assertEquals(200, dispatch("disp-forbid", "{\"Meta\":{\"color\":\"red\"}}").statusCode());
    parameterized("disp-opt", "optional");
    assertEquals(200, dispatch("disp-opt", "{\"Meta\":{\"color\":\"red\"}}").statusCode());
    assertEquals(200, dispatch("disp-opt", "{\"Meta\":{\"color\":\"red\"},\"Payload\":\"" + payload(3) + "\"}")
        .statusCode());
  }

  @Test
  void payloadsUpTo16KiBAreAccepted() {
    parameterized("disp-size", "optional");
    assertEquals(200, dispatch("disp-size", "{\"Meta\":{\"color\":\"red\"},\"Payload\":\"" + payload(16384) + "\"}")
        .statusCode());
    refused("disp-size", "{\"Meta\":{\"color\":\"red\"},\"Payload\":\"" + payload(16385) + "\"}",
        "Payload exceeds maximum size; 16385 > 16384");
  }

  @Test
  void theChildCarriesIdMetaPayloadAndAnEvaluation() throws Exception {
    parameterized("disp-child", "optional");
    byte[] sent = {0, 1, 2, (byte) 0xff, 'h', 'i'};
    long before = Instant.now().getEpochSecond();
    HttpResponse<String> r = dispatch("disp-child", "{\"JobID\":\"disp-child\",\"Meta\":{\"color\":\"red\","
        + "\"size\":\"xl\"},\"Payload\":\"" + Base64.getEncoder().encodeToString(sent) + "\"}");
    assertEquals(200, r.statusCode(), r.body());
    JsonNode reply = json(r);
    String childId = reply.get("DispatchedJobID").asText();
    Matcher m = Pattern.compile("disp-child/dispatch-(\\d+)-[0-9a-f]{8}").matcher(childId);
    assertTrue(m.matches(), childId);
    long seconds = Long.parseLong(m.group(1));
    assertTrue(seconds >= before && seconds <= Instant.now().getEpochSecond(), childId);
    assertEquals(List.of("DispatchedJobID", "EvalID", "EvalCreateIndex", "JobCreateIndex", "Index"),
        iterable(reply.fieldNames()));
    assertEquals(reply.get("EvalCreateIndex").asLong(), reply.get("Index").asLong());
    assertEquals(reply.get("JobCreateIndex").asLong() + 1, reply.get("EvalCreateIndex").asLong());
    assertEquals(reply.get("Index").asLong(), t.index(r));

    JsonNode child = json(t.get("/v1/job/" + childId));
    assertEquals(childId, child.get("Name").asText());
    assertEquals("disp-child", child.get("ParentID").asText());
    assertTrue(child.get("Dispatched").asBoolean());
    assertEquals("optional", child.get("ParameterizedJob").get("Payload").asText());
    assertEquals(Base64.getEncoder().encodeToString(sent), child.get("Payload").asText());
    assertArrayEquals(sent, Base64.getDecoder().decode(child.get("Payload").asText()));
    assertEquals(Json.MAPPER.readTree("{\"owner\":\"ops\",\"color\":\"red\",\"size\":\"xl\"}"), child.get("Meta"));
    assertEquals("pending", child.get("Status").asText());
    assertEquals(reply.get("JobCreateIndex").asLong(), child.get("CreateIndex").asLong());

    JsonNode evals = json(t.get("/v1/job/" + childId + "/evaluations"));
    assertEquals(1, evals.size());
    assertEquals(reply.get("EvalID").asText(), evals.get(0).get("ID").asText());
    assertEquals("job-register", evals.get(0).get("TriggeredBy").asText());
    assertEquals("batch", evals.get(0).get("Type").asText());
    assertEquals(reply.get("JobCreateIndex").asLong(), evals.get(0).get("JobModifyIndex").asLong());

    JsonNode stubs = json(t.get("/v1/jobs?prefix=disp-child"));
    assertTrue(stubs.get(0).get("ParameterizedJob").asBoolean(), "the parent lists as parameterized");
    assertTrue(!stubs.get(1).get("ParameterizedJob").asBoolean(), "a dispatched child does not");
  }

  @Test
  void aChildWithoutPayloadReadsBackNull() throws Exception {
    parameterized("disp-nopayload", "optional");
    String childId = json(dispatch("disp-nopayload", "{\"Meta\":{\"color\":\"red\"}}")).get("DispatchedJobID").asText();
    assertTrue(json(t.get("/v1/job/" + childId)).get("Payload").isNull());
  }

  @Test
  void theParentsChildrenCountersFollowTheChild() throws Exception {
    parameterized("disp-count", "optional");
    String childId = json(dispatch("disp-count", "{\"Meta\":{\"color\":\"red\"}}")).get("DispatchedJobID").asText();
    assertEquals(Json.MAPPER.readTree("{\"Pending\":1,\"Running\":0,\"Dead\":0}"), children("disp-count"));

    JobKey key = new JobKey("default", childId);
    Job child = t.agent.store().snapshot().job(key);
    Allocation alloc = Allocs.of(child, "work", 0, Allocation.CLIENT_RUNNING);
    write(w -> w.upsertAllocs(w.nextIndex(), List.of(alloc), false));
    assertEquals(Json.MAPPER.readTree("{\"Pending\":0,\"Running\":1,\"Dead\":0}"), children("disp-count"));

    Evaluation eval = t.agent.store().snapshot().evalsByJob(key).get(0);
    write(w -> {
      long idx = w.nextIndex();
      w.upsertAllocs(idx, List.of(Allocs.complete(alloc)), true);
      w.upsertEvals(idx, List.of(Allocs.completed(eval)));
    });
    assertEquals("dead", json(t.get("/v1/job/" + childId)).get("Status").asText());
    assertEquals(Json.MAPPER.readTree("{\"Pending\":0,\"Running\":0,\"Dead\":1}"), children("disp-count"));
  }

  private static JsonNode children(String id) throws Exception {
    return json(t.get("/v1/job/" + id + "/summary")).get("Children");
  }

  private static void write(Consumer<StateWriter> op) throws Exception {
    t.agent.store().write(w -> {
      op.accept(w);
      return null;
    }).toCompletionStage().toCompletableFuture().get();
  }

  private static List<String> iterable(Iterator<String> it) {
    List<String> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
