package io.jobgate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobgate.structs.Json;
import io.jobgate.support.Jobs;
import io.jobgate.support.TestAgent;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Plan asks the real scheduler on a private copy of the state: placements and failures, nothing committed. */
class PlanWithSchedulerTest {

  private static TestAgent t;

  @BeforeAll
  static void start() {
    t = TestAgent.startCluster(0.01);
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  private static String big(String id, int count, int cpu) {
    return Jobs.example(id, count).replace("\"CPU\": 500", "\"CPU\": " + cpu);
  }

  @Test
  void aJobThatFitsPlacesEveryAllocation() throws Exception {
    long before = t.agent.store().snapshot().index();
    HttpResponse<String> r = t.put("/v1/job/fits/plan", big("fits", 2, 500).replace("{\"Job\"", "{\"Diff\": true, \"Job\""));
    assertEquals(200, r.statusCode(), r.body());
    JsonNode plan = Json.MAPPER.readTree(r.body());
    assertEquals(2, plan.get("Annotations").get("DesiredTGUpdates").get("cache").get("Place").asInt());
    assertTrue(plan.get("FailedTGAllocs").isNull());
    assertTrue(plan.get("CreatedEvals").isNull());
    assertEquals("Added", plan.get("Diff").get("Type").asText());
    assertEquals(before, t.agent.store().snapshot().index(), "a plan commits nothing");
    assertEquals(404, t.get("/v1/job/fits").statusCode());
  }

  @Test
  void aJobTooBigForTheFleetReportsFailedPlacementsAndABlockedEval() throws Exception {
    // The default fleet is three nodes of 4000 MHz: five allocations of 3000 MHz leave two unplaced.
    HttpResponse<String> r = t.put("/v1/job/huge/plan", big("huge", 5, 3000));
    assertEquals(200, r.statusCode(), r.body());
    JsonNode plan = Json.MAPPER.readTree(r.body());
    JsonNode failed = plan.get("FailedTGAllocs").get("cache");
    assertEquals(1, failed.get("CoalescedFailures").asInt());
    assertTrue(failed.get("DimensionExhausted").get("cpu").asInt() > 0, failed.toString());
    JsonNode created = plan.get("CreatedEvals").get(0);
    assertEquals("blocked", created.get("Status").asText());
    assertEquals("created to place remaining allocations", created.get("StatusDescription").asText());
    assertEquals(5, plan.get("Annotations").get("DesiredTGUpdates").get("cache").get("Place").asInt());
    assertEquals(404, t.get("/v1/job/huge").statusCode());
  }
}
