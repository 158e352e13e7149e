package io.jobgate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobgate.structs.Json;
import io.jobgate.support.Jobs;
import io.jobgate.support.TestAgent;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Spec §6.1 index by index, on a fresh store with no scheduler running: each write consumes the
 * indexes Nomad's leader would (job, then eval), versions bump only on spec changes and stops.
 * The store's first write lands at 2: index 1 is its bootstrap entry (see StateSnapshot#empty).
 */
class WorkedExampleTest {

  private TestAgent t;

  @BeforeEach
  void start() {
    t = TestAgent.start();
  }

  @AfterEach
  void stop() {
    t.close();
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return Json.MAPPER.readTree(r.body());
  }

  @Test
  void firstWriteWakesAWatcherHoldingTheFreshStoresIndex() throws Exception {
    HttpResponse<String> empty = t.get("/v1/jobs");
    assertEquals("1", empty.headers().firstValue("X-Nomad-Index").orElseThrow());
    var parked = t.http().sendAsync(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create(t.base + "/v1/jobs?index=1&wait=10s")).build(), HttpResponse.BodyHandlers.ofString());
    Thread.sleep(200);
    assertFalse(parked.isDone(), "a watcher at the fresh store's index answered before any write");
    t.put("/v1/jobs", Jobs.example("first"));
    HttpResponse<String> woke = parked.get(5, java.util.concurrent.TimeUnit.SECONDS);
    assertEquals("2", woke.headers().firstValue("X-Nomad-Index").orElseThrow());
    assertTrue(woke.body().contains("\"ID\":\"first\""));
  }

  @Test
  void registerReregisterUpdateStopPurge() throws Exception {
    HttpResponse<String> r = t.put("/v1/jobs", Jobs.example("example"));
    assertEquals(200, r.statusCode(), r.body());
    JsonNode reg = json(r);
    assertEquals(3, reg.get("EvalCreateIndex").asLong());
    assertEquals(2, reg.get("JobModifyIndex").asLong());
    assertEquals(3, reg.get("Index").asLong());
    assertEquals("", reg.get("Warnings").asText());
    assertEquals(0, reg.get("LastContact").asLong());
    assertFalse(reg.get("KnownLeader").asBoolean());
    assertEquals(36, reg.get("EvalID").asText().length());
    assertEquals("3", r.headers().firstValue("X-Nomad-Index").orElseThrow());

    JsonNode job = json(t.get("/v1/job/example"));
    assertEquals(2, job.get("CreateIndex").asLong());
    assertEquals(2, job.get("ModifyIndex").asLong());
    assertEquals(2, job.get("JobModifyIndex").asLong());
    assertEquals(0, job.get("Version").asLong());
    assertEquals("pending", job.get("Status").asText());
    assertTrue(job.get("SubmitTime").asLong() > 0);

    JsonNode summary = json(t.get("/v1/job/example/summary"));
    assertEquals("{\"Queued\":0,\"Complete\":0,\"Failed\":0,\"Running\":0,\"Starting\":0,\"Lost\":0}",
        summary.get("Summary").get("cache").toString());
    assertEquals("{\"Pending\":0,\"Running\":0,\"Dead\":0}", summary.get("Children").toString());

    // The same job again: nothing written for the job, but an eval all the same.
    JsonNode again = json(t.put("/v1/jobs", Jobs.example("example")));
    assertEquals(2, again.get("JobModifyIndex").asLong());
    assertEquals(4, again.get("Index").asLong());
    assertEquals(0, json(t.get("/v1/job/example")).get("Version").asLong());

    // A count change is a new version.
    JsonNode update = json(t.put("/v1/job/example", Jobs.example("example", 2)));
    assertEquals(5, update.get("JobModifyIndex").asLong());
    assertEquals(6, update.get("Index").asLong());
    JsonNode updated = json(t.get("/v1/job/example"));
    assertEquals(1, updated.get("Version").asLong());
    assertEquals(2, updated.get("CreateIndex").asLong());
    assertEquals(5, updated.get("JobModifyIndex").asLong());
    JsonNode versions = json(t.get("/v1/job/example/versions"));
    assertEquals(2, versions.get("Versions").size());
    assertEquals(1, versions.get("Versions").get(0).get("Version").asLong());
    assertEquals(0, versions.get("Versions").get(1).get("Version").asLong());

    // Stop: a new version with Stop=true and a job-deregister eval at the default priority.
    HttpResponse<String> del = t.delete("/v1/job/example");
    JsonNode dereg = json(del);
    assertEquals(7, dereg.get("JobModifyIndex").asLong());
    assertEquals(8, dereg.get("Index").asLong());
    JsonNode stopped = json(t.get("/v1/job/example"));
    assertTrue(stopped.get("Stop").asBoolean());
    assertEquals(2, stopped.get("Version").asLong());
    JsonNode evals = json(t.get("/v1/job/example/evaluations"));
    assertEquals(4, evals.size());
    JsonNode deregEval = null;
    for (JsonNode e : evals) {
      if (e.get("ID").asText().equals(dereg.get("EvalID").asText())) {
        deregEval = e;
      }
    }
    assertEquals("job-deregister", deregEval.get("TriggeredBy").asText());
    assertEquals("service", deregEval.get("Type").asText());
    assertEquals(50, deregEval.get("Priority").asInt());
    assertEquals(7, deregEval.get("JobModifyIndex").asLong());

    // Purge: job, versions and summary gone; allocations still answer 200.
    assertEquals(200, t.delete("/v1/job/example?purge=true").statusCode());
    HttpResponse<String> gone = t.get("/v1/job/example");
    assertEquals(404, gone.statusCode());
    assertEquals("job not found", gone.body());
    assertEquals("9", gone.headers().firstValue("X-Nomad-Index").orElseThrow());
    assertEquals("true", gone.headers().firstValue("X-Nomad-KnownLeader").orElseThrow());
    assertEquals("0", gone.headers().firstValue("X-Nomad-LastContact").orElseThrow());
    assertEquals("job versions not found", t.get("/v1/job/example/versions").body());
    assertEquals(404, t.get("/v1/job/example/summary").statusCode());
    HttpResponse<String> allocs = t.get("/v1/job/example/allocations");
    assertEquals(200, allocs.statusCode());
    assertEquals("[]", allocs.body());
  }
}
