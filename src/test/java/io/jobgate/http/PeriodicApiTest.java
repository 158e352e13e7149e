package io.jobgate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobgate.state.JobKey;
import io.jobgate.structs.Evaluation;
import io.jobgate.structs.Json;
import io.jobgate.structs.PeriodicLaunch;
import io.jobgate.support.Allocs;
import io.jobgate.support.Jobs;
import io.jobgate.support.TestAgent;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The periodic launcher and {@code …/periodic/force} on a real agent (spec §7.16, §11). */
class PeriodicApiTest {

  /** Seven fields, seconds first (cronexpr): every second. */
  private static final String EVERY_SECOND = "* * * * * * *";

  private static TestAgent t;

  @BeforeAll
  static void start() {
    t = TestAgent.start();
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  private static String periodic(String id, String periodicBlock) {
    return Jobs.batch(id).replace("\"Type\": \"batch\",", "\"Type\": \"batch\", \"Periodic\": " + periodicBlock + ",");
  }

  private static void register(String body) {
    HttpResponse<String> r = t.put("/v1/jobs", body);
    assertEquals(200, r.statusCode(), r.body());
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return Json.MAPPER.readTree(r.body());
  }

  /** The children's IDs, oldest launch first. */
  private static List<String> children(String parent) throws Exception {
    List<String> out = new ArrayList<>();
    for (JsonNode stub : json(t.get("/v1/jobs?prefix=" + parent + "/periodic-"))) {
      out.add(stub.get("ID").asText());
    }
    return out;
  }

  private static void await(String what, BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
      Thread.sleep(50);
    }
  }

  private static int count(String parent) {
    try {
      return children(parent).size();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aSecondsSpecLaunchesChildrenWithPeriodicJobEvals() throws Exception {
    long start = Instant.now().getEpochSecond();
    register(periodic("per-sec", "{\"Spec\": \"" + EVERY_SECOND + "\"}"));
    await("two children", () -> count("per-sec") >= 2);
    List<String> ids = children("per-sec");
    Pattern childId = Pattern.compile("per-sec/periodic-(\\d+)");
    for (String id : ids) {
      Matcher m = childId.matcher(id);
      assertTrue(m.matches(), id);
      assertTrue(Long.parseLong(m.group(1)) > start - 1, id);
      JsonNode child = json(t.get("/v1/job/" + id));
      assertEquals("per-sec", child.get("ParentID").asText());
      assertEquals(id, child.get("Name").asText());
      assertTrue(child.get("Periodic").isNull());
      JsonNode evals = json(t.get("/v1/job/" + id + "/evaluations"));
      assertEquals(1, evals.size(), id);
      assertEquals("periodic-job", evals.get(0).get("TriggeredBy").asText());
      assertEquals(child.get("CreateIndex").asLong(), evals.get(0).get("JobModifyIndex").asLong());
    }
    JsonNode parent = json(t.get("/v1/job/per-sec"));
    assertEquals("running", parent.get("Status").asText());
    assertTrue(json(t.get("/v1/job/per-sec/summary")).get("Children").get("Pending").asLong() >= 2);
    PeriodicLaunch launch = t.agent.store().snapshot().periodicLaunch(new JobKey("default", "per-sec"));
    assertTrue(launch.launch().getEpochSecond() >= Long.parseLong(ids.get(ids.size() - 1).replaceAll(".*-", "")));

    assertEquals(200, t.delete("/v1/job/per-sec").statusCode());
    int stopped = count("per-sec");
    Thread.sleep(1500);
    assertEquals(stopped, count("per-sec"), "a stopped job kept launching");
  }

  @Test
  void prohibitOverlapSkipsLaunchesWhileAChildIsNotTerminal() throws Exception {
    register(periodic("per-overlap", "{\"Spec\": \"" + EVERY_SECOND + "\", \"ProhibitOverlap\": true}"));
    await("a first child", () -> count("per-overlap") == 1);
    Thread.sleep(2200);
    List<String> ids = children("per-overlap");
    assertEquals(1, ids.size(), "launched over a running child: " + ids);

    JobKey first = new JobKey("default", ids.get(0));
    Evaluation eval = t.agent.store().snapshot().evalsByJob(first).get(0);
    t.agent.store().write(w -> {
      w.upsertEvals(w.nextIndex(), List.of(Allocs.completed(eval)));
      return null;
    }).toCompletionStage().toCompletableFuture().get();
    await("a second child once the first finished", () -> count("per-overlap") == 2);
  }

  @Test
  void updatingTheSpecReArmsAndDisablingStops() throws Exception {
    register(periodic("per-rearm", "{\"Spec\": \"0 0 1 1 * 2099\"}"));
    Thread.sleep(1200);
    assertEquals(0, count("per-rearm"));
    register(periodic("per-rearm", "{\"Spec\": \"" + EVERY_SECOND + "\"}"));
    await("a child on the new schedule", () -> count("per-rearm") >= 1);
    register(periodic("per-rearm", "{\"Spec\": \"" + EVERY_SECOND + "\", \"Enabled\": false}"));
    Thread.sleep(300);
    int disabled = count("per-rearm");
    Thread.sleep(1500);
    assertEquals(disabled, count("per-rearm"), "a disabled job kept launching");
  }

  @Test
  void forceLaunchesNowEvenWhenOverlapIsProhibited() throws Exception {
    register(periodic("per-force", "{\"Spec\": \"0 0 1 1 * 2099\", \"ProhibitOverlap\": true}"));
    long before = Instant.now().getEpochSecond();
    HttpResponse<String> r = t.post("/v1/job/per-force/periodic/force", "");
    assertEquals(200, r.statusCode(), r.body());
    JsonNode reply = json(r);
    assertEquals(List.of("EvalID", "EvalCreateIndex", "Index"), names(reply));
    assertEquals(reply.get("EvalCreateIndex").asLong(), t.index(r));
    List<String> ids = children("per-force");
    assertEquals(1, ids.size());
    long launched = Long.parseLong(ids.get(0).substring("per-force/periodic-".length()));
    assertTrue(launched >= before && launched <= Instant.now().getEpochSecond());
    JsonNode evals = json(t.get("/v1/job/" + ids.get(0) + "/evaluations"));
    assertEquals(reply.get("EvalID").asText(), evals.get(0).get("ID").asText());
    assertEquals("periodic-job", evals.get(0).get("TriggeredBy").asText());

    Thread.sleep(1100);
    assertEquals(200, t.put("/v1/job/per-force/periodic/force", "").statusCode(), "force ignores ProhibitOverlap");
    assertEquals(2, count("per-force"));
  }

  @Test
  void forceErrorsUseNomadsTexts() {
    register(Jobs.batch("per-plain"));
    HttpResponse<String> plain = t.put("/v1/job/per-plain/periodic/force", "");
    assertEquals(400, plain.statusCode());
    assertEquals("can't force launch non-periodic job", plain.body());
    assertEquals("job not found", t.put("/v1/job/per-nothing/periodic/force", "").body());
    register(periodic("per-off", "{\"Spec\": \"" + EVERY_SECOND + "\", \"Enabled\": false}"));
    assertEquals("force launch for job \"per-off\" failed: can't force run non-tracked job \"per-off\" (default)",
        t.put("/v1/job/per-off/periodic/force", "").body());
    assertEquals(405, t.get("/v1/job/per-off/periodic/force").statusCode());
  }

  @Test
  void registrationRecordsALaunchRowAndPurgeRemovesIt() throws Exception {
    register(periodic("per-purge", "{\"Spec\": \"0 0 1 1 * 2099\"}"));
    JobKey key = new JobKey("default", "per-purge");
    PeriodicLaunch registered = t.agent.store().snapshot().periodicLaunch(key);
    long submitted = json(t.get("/v1/job/per-purge")).get("SubmitTime").asLong();
    assertEquals(submitted, registered.launch().getEpochSecond() * 1_000_000_000L + registered.launch().getNano());
    assertEquals(200, t.delete("/v1/job/per-purge?purge=true").statusCode());
    assertNull(t.agent.store().snapshot().periodicLaunch(key));
  }

  private static List<String> names(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
