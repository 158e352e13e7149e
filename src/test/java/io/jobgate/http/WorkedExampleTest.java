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
  void registerReregisterUpdateStopPurge() throws Exception {
    HttpResponse<String> r = t.put("/v1/jobs", Jobs.example("example"));
    assertEquals(200, r.statusCode(), r.body());
    JsonNode reg = json(r);
    assertEquals(2, reg.get("EvalCreateIndex").asLong());
    assertEquals(1, reg.get("JobModifyIndex").asLong());
    assertEquals(2, reg.get("Index").asLong());
    assertEquals("", reg.get("Warnings").asText());
    assertEquals(0, reg.get("LastContact").asLong());
    assertFalse(reg.get("KnownLeader").asBoolean());
    assertEquals(36, reg.get("EvalID").asText().length());
    assertEquals("2", r.headers().firstValue("X-Nomad-Index").orElseThrow());

    JsonNode job = json(t.get("/v1/job/example"));
    assertEquals(1, job.get("CreateIndex").asLong());
    assertEquals(1, job.get("ModifyIndex").asLong());
    assertEquals(1, job.get("JobModifyIndex").asLong());
    assertEquals(0, job.get("Version").asLong());
    assertEquals("pending", job.get("Status").asText());
    assertTrue(job.get("SubmitTime").asLong() > 0);

    JsonNode summary = json(t.get("/v1/job/example/summary"));
    assertEquals("{\"Queued\":0,\"Complete\":0,\"Failed\":0,\"Running\":0,\"Starting\":0,\"Lost\":0}",
        summary.get("Summary").get("cache").toString());
    assertEquals("{\"Pending\":0,\"Running\":0,\"Dead\":0}", summary.get("Children").toString());

    // The same job again: nothing written for the job, but an eval all the same.
    JsonNode again = json(t.put("/v1/jobs", Jobs.example("example")));
    assertEquals(1, again.get("JobModifyIndex").asLong());
    assertEquals(3, again.get("Index").asLong());
    assertEquals(0, json(t.get("/v1/job/example")).get("Version").asLong());

    // A count change is a new version.
    JsonNode update = json(t.put("/v1/job/example", Jobs.example("example", 2)));
    assertEquals(4, update.get("JobModifyIndex").asLong());
    assertEquals(5, update.get("Index").asLong());
    JsonNode updated = json(t.get("/v1/job/example"));
    assertEquals(1, updated.get("Version").asLong());
    assertEquals(1, updated.get("CreateIndex").asLong());
    assertEquals(4, updated.get("JobModifyIndex").asLong());
    JsonNode versions = json(t.get("/v1/job/example/versions"));
    assertEquals(2, versions.get("Versions").size());
    assertEquals(1, versions.get("Versions").get(0).get("Version").asLong());
    assertEquals(0, versions.get("Versions").get(1).get("Version").asLong());

    // Stop: a new version with Stop=true and a job-deregister eval at the default priority.
    HttpResponse<String> del = t.delete("/v1/job/example");
    JsonNode dereg = json(del);
    assertEquals(6, dereg.get("JobModifyIndex").asLong());
    assertEquals(7, dereg.get("Index").asLong());
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
    assertEquals(6, deregEval.get("JobModifyIndex").asLong());

    // Purge: job, versions and summary gone; allocations still answer 200.
    assertEquals(200, t.delete("/v1/job/example?purge=true").statusCode());
    HttpResponse<String> gone = t.get("/v1/job/example");
    assertEquals(404, gone.statusCode());
    assertEquals("job not found", gone.body());
    assertEquals("8", gone.headers().firstValue("X-Nomad-Index").orElseThrow());
    assertEquals("true", gone.headers().firstValue("X-Nomad-KnownLeader").orElseThrow());
    assertEquals("0", gone.headers().firstValue("X-Nomad-LastContact").orElseThrow());
    assertEquals("job versions not found", t.get("/v1/job/example/versions").body());
    assertEquals(404, t.get("/v1/job/example/summary").statusCode());
    HttpResponse<String> allocs = t.get("/v1/job/example/allocations");
    assertEquals(200, allocs.statusCode());
    assertEquals("[]", allocs.body());
  }
}
