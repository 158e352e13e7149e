package io.jobgate.http;

import static io.jobgate.support.Diffs.field;
import static io.jobgate.support.Diffs.group;
import static io.jobgate.support.Diffs.job;
import static io.jobgate.support.Diffs.object;
import static io.jobgate.support.Diffs.of;
import static io.jobgate.support.Diffs.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobgate.state.JobKey;
import io.jobgate.structs.Allocation;
import io.jobgate.structs.Job;
import io.jobgate.structs.Json;
import io.jobgate.support.Allocs;
import io.jobgate.support.Diffs;
import io.jobgate.support.Jobs;
import io.jobgate.support.TestAgent;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code PUT /v1/job/:id/plan} over raw HTTP: texts, annotated diffs written out in full, and the CAS round trip. */
class PlanApiTest {

  private static final String NO_CHANGE_TASK = task("None", "redis", null, null);
  private static final String NO_UPDATES = "{\"create\":1}";

  private static TestAgent t;

  @BeforeAll
  static void start() {
    t = TestAgent.start();
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  /** The seed's example job (service, group cache, task redis) with a port map in its config. */
  private static ObjectNode example(String id) {
    ObjectNode body = (ObjectNode) Diffs.parse(Jobs.example(id));
    ((ObjectNode) firstTask(body).get("Config")).set("port_map", Diffs.parse("[{\"db\": 6379}]"));
    return (ObjectNode) body.get("Job");
  }

  private static ObjectNode firstTask(JsonNode body) {
    JsonNode job = body.has("Job") ? body.get("Job") : body;
    return (ObjectNode) job.get("TaskGroups").get(0).get("Tasks").get(0);
  }

  private static ObjectNode firstGroup(ObjectNode job) {
    return (ObjectNode) job.get("TaskGroups").get(0);
  }

  private static String body(ObjectNode job) {
    return "{\"Job\":" + job + ",\"Diff\":true}";
  }

  private static HttpResponse<String> register(ObjectNode job) {
    HttpResponse<String> r = t.put("/v1/jobs", "{\"Job\":" + job + "}");
    assertEquals(200, r.statusCode(), r.body());
    return r;
  }

  private static JsonNode plan(ObjectNode job) throws Exception {
    HttpResponse<String> r = t.put("/v1/job/" + job.get("ID").asText() + "/plan", body(job));
    assertEquals(200, r.statusCode(), r.body());
    JsonNode reply = Json.MAPPER.readTree(r.body());
    assertEquals(reply.get("JobModifyIndex").asLong(), t.index(r), "X-Nomad-Index is the JobModifyIndex");
    assertEquals(reply.get("JobModifyIndex").asLong(), reply.get("Index").asLong());
    return reply;
  }

  /** Registers the example job, then plans it changed by {@code change}. */
  private static JsonNode planChange(String id, Consumer<ObjectNode> change) throws Exception {
    ObjectNode job = example(id);
    register(job);
    ObjectNode changed = job.deepCopy();
    change.accept(changed);
    return plan(changed);
  }

  private static void assertDiff(String expected, JsonNode reply) {
    assertEquals(Diffs.parse(expected), reply.get("Diff"));
  }

  @Test
  void badRequestsUseNomadsTexts() {
    assertEquals("EOF", t.put("/v1/job/x/plan", "").body());
    assertEquals("Job must be specified", t.put("/v1/job/x/plan", "{\"Diff\":true}").body());
    HttpResponse<String> noId = t.put("/v1/job/x/plan", "{\"Job\":{\"Name\":\"x\"}}");
    assertEquals(400, noId.statusCode());
    assertEquals("Job must have a valid ID", noId.body());
    assertEquals("Job ID does not match", t.put("/v1/job/x/plan", body(example("y"))).body());
    HttpResponse<String> invalid = t.put("/v1/job/x/plan", "{\"Job\":{\"ID\":\"x\"}}");
    assertEquals(400, invalid.statusCode());
    assertTrue(invalid.body().contains("* Missing job datacenters"), invalid.body());
    assertEquals(405, t.get("/v1/job/x/plan").statusCode());
  }

  @Test
  void planningANewJobPersistsNothingAndDiffsItAsAdded() throws Exception {
    long before = t.agent.store().snapshot().index();
    ObjectNode body = (ObjectNode) Diffs.parse(Jobs.batch("plan-new"));
    body.put("Diff", true);
    HttpResponse<String> r = t.post("/v1/job/plan-new/plan", body.toString());
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(0, t.index(r));
    assertEquals(before, t.agent.store().snapshot().index(), "plan consumed an index");
    assertEquals(404, t.get("/v1/job/plan-new").statusCode());
    JsonNode reply = Json.MAPPER.readTree(r.body());
    assertEquals(0, reply.get("JobModifyIndex").asLong());
    assertEquals(Diffs.parse("{\"DesiredTGUpdates\":{\"work\":{\"Ignore\":0,\"Place\":1,\"Migrate\":0,\"Stop\":0,"
        + "\"InPlaceUpdate\":0,\"DestructiveUpdate\":0,\"Canary\":0}}}"), reply.get("Annotations"));
    assertTrue(reply.get("FailedTGAllocs").isNull());
    assertTrue(reply.get("CreatedEvals").isNull());
    assertEquals("0001-01-01T00:00:00Z", reply.get("NextPeriodicLaunch").asText());
    assertEquals("", reply.get("Warnings").asText());
    assertDiff(job("Added", "plan-new",
        of(field("Added", "AllAtOnce", "", "false"), field("Added", "Dispatched", "", "false"),
            field("Added", "Name", "", "plan-new"), field("Added", "Namespace", "", "default"),
            field("Added", "Priority", "", "50"), field("Added", "Region", "", "global"),
            field("Added", "Stop", "", "false"), field("Added", "Type", "", "batch")),
        of(object("Added", "Datacenters", field("Added", "Datacenters", "", "dc1"))),
        of(group("Added", "work",
            of(field("Added", "Count", "", "1", "forces create")),
            of(object("Added", "RestartPolicy", field("Added", "Attempts", "", "3"),
                    field("Added", "Delay", "", "15000000000"), field("Added", "Interval", "", "86400000000000"),
                    field("Added", "Mode", "", "fail")),
                object("Added", "ReschedulePolicy", field("Added", "Attempts", "", "1"),
                    field("Added", "Delay", "", "5000000000"), field("Added", "DelayFunction", "", "constant"),
                    field("Added", "Interval", "", "86400000000000"), field("Added", "MaxDelay", "", "0"),
                    field("Added", "Unlimited", "", "false")),
                object("Added", "EphemeralDisk", field("Added", "Migrate", "", "false"),
                    field("Added", "SizeMB", "", "300"), field("Added", "Sticky", "", "false"))),
            of(task("Added", "t",
                of(field("Added", "Driver", "", "exec"), field("Added", "KillTimeout", "", "5000000000"),
                    field("Added", "Leader", "", "false"), field("Added", "ShutdownDelay", "", "0")),
                of(object("Added", "Config", field("Added", "command", "", "/bin/true")),
                    object("Added", "Resources", field("Added", "CPU", "", "100"), field("Added", "DiskMB", "", "0"),
                        field("Added", "IOPS", "", "0"), field("Added", "MemoryMB", "", "300")),
                    object("Added", "LogConfig", field("Added", "MaxFileSizeMB", "", "10"),
                        field("Added", "MaxFiles", "", "10"))),
                "forces create")),
            "{\"create\":1}"))), reply);
  }

  @Test
  void countChangeForcesCreate() throws Exception {
    JsonNode reply = planChange("plan-count", job -> firstGroup(job).put("Count", 3));
    assertDiff(job("Edited", "plan-count", null, null,
        of(group("Edited", "cache", of(field("Edited", "Count", "1", "3", "forces create")), null,
            of(NO_CHANGE_TASK), "{\"create\":3}"))), reply);
  }

  @Test
  void countDecreaseForcesDestroy() throws Exception {
    ObjectNode job = example("plan-shrink");
    firstGroup(job).put("Count", 2);
    register(job);
    ObjectNode smaller = job.deepCopy();
    firstGroup(smaller).put("Count", 1);
    assertDiff(job("Edited", "plan-shrink", null, null,
        of(group("Edited", "cache", of(field("Edited", "Count", "2", "1", "forces destroy")), null,
            of(NO_CHANGE_TASK), NO_UPDATES))), plan(smaller));
  }

  @Test
  void driverConfigChangeForcesCreateDestroyUpdate() throws Exception {
    ObjectNode job = example("plan-config");
    register(job);
    Job stored = t.agent.store().snapshot().job(new JobKey("default", "plan-config"));
    t.agent.store().write(w -> {
      w.upsertAllocs(w.nextIndex(), List.of(Allocs.of(stored, "cache", 0, Allocation.CLIENT_RUNNING)), false);
      return null;
    }).toCompletionStage().toCompletableFuture().get();
    ObjectNode changed = job.deepCopy();
    ((ObjectNode) firstTask(changed).get("Config")).put("image", "redis:4.0");
    JsonNode reply = plan(changed);
    assertDiff(job("Edited", "plan-config", null, null,
        of(group("Edited", "cache", null, null,
            of(task("Edited", "redis", null,
                of(object("Edited", "Config", field("Edited", "image", "redis:3.2", "redis:4.0"),
                    field("None", "port_map[0][db]", "6379", "6379"))),
                "forces create/destroy update")),
            "{\"create/destroy update\":1}"))), reply);
    assertEquals(1, reply.get("Annotations").get("DesiredTGUpdates").get("cache").get("DestructiveUpdate").asLong());
  }

  @Test
  void killTimeoutChangeForcesInPlaceUpdate() throws Exception {
    JsonNode reply = planChange("plan-kill", job -> firstTask(job).put("KillTimeout", 10_000_000_000L));
    assertDiff(job("Edited", "plan-kill", null, null,
        of(group("Edited", "cache", null, null,
            of(task("Edited", "redis", of(field("Edited", "KillTimeout", "5000000000", "10000000000")), null,
                "forces in-place update")),
            NO_UPDATES))), reply);
  }

  @Test
  void addedGroupForcesCreate() throws Exception {
    JsonNode reply = planChange("plan-addgroup", job -> ((ArrayNode) job.get("TaskGroups")).add(Diffs.parse(
        "{\"Name\":\"web\",\"Tasks\":[{\"Name\":\"nginx\",\"Driver\":\"exec\",\"Config\":{\"command\":\"nginx\"}}]}")));
    assertDiff(job("Edited", "plan-addgroup", null, null,
        of(group("None", "cache", null, null, of(NO_CHANGE_TASK), NO_UPDATES),
            group("Added", "web",
                of(field("Added", "Count", "", "1", "forces create")),
                of(object("Added", "RestartPolicy", field("Added", "Attempts", "", "2"),
                        field("Added", "Delay", "", "15000000000"), field("Added", "Interval", "", "1800000000000"),
                        field("Added", "Mode", "", "fail")),
                    object("Added", "ReschedulePolicy", field("Added", "Attempts", "", "0"),
                        field("Added", "Delay", "", "30000000000"), field("Added", "DelayFunction", "", "exponential"),
                        field("Added", "Interval", "", "0"), field("Added", "MaxDelay", "", "3600000000000"),
                        field("Added", "Unlimited", "", "true")),
                    object("Added", "EphemeralDisk", field("Added", "Migrate", "", "false"),
                        field("Added", "SizeMB", "", "300"), field("Added", "Sticky", "", "false"))),
                of(task("Added", "nginx",
                    of(field("Added", "Driver", "", "exec"), field("Added", "KillTimeout", "", "5000000000"),
                        field("Added", "Leader", "", "false"), field("Added", "ShutdownDelay", "", "0")),
                    of(object("Added", "Config", field("Added", "command", "", "nginx")),
                        object("Added", "Resources", field("Added", "CPU", "", "100"),
                            field("Added", "DiskMB", "", "0"), field("Added", "IOPS", "", "0"),
                            field("Added", "MemoryMB", "", "300")),
                        object("Added", "LogConfig", field("Added", "MaxFileSizeMB", "", "10"),
                            field("Added", "MaxFiles", "", "10"))),
                    "forces create")),
                NO_UPDATES))), reply);
  }

  @Test
  void removedGroupForcesDestroy() throws Exception {
    ObjectNode job = example("plan-rmgroup");
    ((ArrayNode) job.get("TaskGroups")).add(Diffs.parse("{\"Name\":\"sidecar\",\"Tasks\":[{\"Name\":\"log\","
        + "\"Driver\":\"raw_exec\",\"Config\":{\"command\":\"tail\"},\"Resources\":{\"CPU\":50,\"MemoryMB\":64}}]}"));
    register(job);
    ObjectNode smaller = job.deepCopy();
    ((ArrayNode) smaller.get("TaskGroups")).remove(1);
    assertDiff(job("Edited", "plan-rmgroup", null, null,
        of(group("None", "cache", null, null, of(NO_CHANGE_TASK), NO_UPDATES),
            group("Deleted", "sidecar",
                of(field("Deleted", "Count", "1", "", "forces destroy")),
                of(object("Deleted", "RestartPolicy", field("Deleted", "Attempts", "2", ""),
                        field("Deleted", "Delay", "15000000000", ""), field("Deleted", "Interval", "1800000000000", ""),
                        field("Deleted", "Mode", "fail", "")),
                    object("Deleted", "ReschedulePolicy", field("Deleted", "Attempts", "0", ""),
                        field("Deleted", "Delay", "30000000000", ""),
                        field("Deleted", "DelayFunction", "exponential", ""), field("Deleted", "Interval", "0", ""),
                        field("Deleted", "MaxDelay", "3600000000000", ""), field("Deleted", "Unlimited", "true", "")),
                    object("Deleted", "EphemeralDisk", field("Deleted", "Migrate", "false", ""),
                        field("Deleted", "SizeMB", "300", ""), field("Deleted", "Sticky", "false", ""))),
                of(task("Deleted", "log",
                    of(field("Deleted", "Driver", "raw_exec", ""), field("Deleted", "KillTimeout", "5000000000", ""),
                        field("Deleted", "Leader", "false", ""), field("Deleted", "ShutdownDelay", "0", "")),
                    of(object("Deleted", "Config", field("Deleted", "command", "tail", "")),
                        object("Deleted", "Resources", field("Deleted", "CPU", "50", ""),
                            field("Deleted", "DiskMB", "0", ""), field("Deleted", "IOPS", "0", ""),
                            field("Deleted", "MemoryMB", "64", "")),
                        object("Deleted", "LogConfig", field("Deleted", "MaxFileSizeMB", "10", ""),
                            field("Deleted", "MaxFiles", "10", ""))),
                    "forces destroy")),
                null))), plan(smaller));
  }

  @Test
  void metaEditsAreFieldsPerKey() throws Exception {
    ObjectNode job = example("plan-meta");
    job.set("Meta", Diffs.parse("{\"owner\":\"ops\",\"tier\":\"1\"}"));
    register(job);
    ObjectNode changed = job.deepCopy();
    changed.set("Meta", Diffs.parse("{\"owner\":\"dev\",\"team\":\"a\"}"));
    firstTask(changed).set("Meta", Diffs.parse("{\"role\":\"cache\"}"));
    assertDiff(job("Edited", "plan-meta",
        of(field("Edited", "Meta[owner]", "ops", "dev"), field("Added", "Meta[team]", "", "a"),
            field("Deleted", "Meta[tier]", "1", "")),
        null,
        of(group("Edited", "cache", null, null,
            of(task("Edited", "redis", of(field("Added", "Meta[role]", "", "cache")), null,
                "forces create/destroy update")),
            NO_UPDATES))), plan(changed));
  }

  @Test
  void anEditedConstraintIsOneDeletedAndOneAdded() throws Exception {
    ObjectNode job = example("plan-constraint");
    job.set("Constraints", Diffs.parse("[{\"LTarget\":\"${attr.kernel.name}\",\"RTarget\":\"linux\",\"Operand\":\"=\"}]"));
    register(job);
    ObjectNode changed = job.deepCopy();
    ((ObjectNode) changed.get("Constraints").get(0)).put("RTarget", "windows");
    assertDiff(job("Edited", "plan-constraint", null,
        of(object("Added", "Constraint", field("Added", "LTarget", "", "${attr.kernel.name}"),
                field("Added", "Operand", "", "="), field("Added", "RTarget", "", "windows")),
            object("Deleted", "Constraint", field("Deleted", "LTarget", "${attr.kernel.name}", ""),
                field("Deleted", "Operand", "=", ""), field("Deleted", "RTarget", "linux", ""))),
        of(group("None", "cache", null, null, of(NO_CHANGE_TASK), NO_UPDATES))), plan(changed));
  }

  @Test
  void withoutDiffTheDiffIsNull() throws Exception {
    ObjectNode job = example("plan-nodiff");
    HttpResponse<String> r = t.put("/v1/job/plan-nodiff/plan", "{\"Job\":" + job + "}");
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(Json.MAPPER.readTree(r.body()).get("Diff").isNull());
  }

  @Test
  void planThenRegisterWithCheckIndexAndTheConflictWhenSomethingChangedInBetween() throws Exception {
    ObjectNode job = example("plan-cas");
    long planned = plan(job).get("JobModifyIndex").asLong();
    assertEquals(0, planned);
    HttpResponse<String> created = t.put("/v1/jobs", "{\"Job\":" + job + ",\"EnforceIndex\":true,\"JobModifyIndex\":0}");
    assertEquals(200, created.statusCode(), created.body());
    HttpResponse<String> again = t.put("/v1/jobs", "{\"Job\":" + job + ",\"EnforceIndex\":true,\"JobModifyIndex\":0}");
    assertEquals("Enforcing job modify index 0: job already exists", again.body());

    long current = Json.MAPPER.readTree(t.get("/v1/job/plan-cas").body()).get("JobModifyIndex").asLong();
    ObjectNode bigger = job.deepCopy();
    firstGroup(bigger).put("Count", 2);
    long checkIndex = plan(bigger).get("JobModifyIndex").asLong();
    assertEquals(current, checkIndex);
    HttpResponse<String> ok = t.put("/v1/jobs",
        "{\"Job\":" + bigger + ",\"EnforceIndex\":true,\"JobModifyIndex\":" + checkIndex + "}");
    assertEquals(200, ok.statusCode(), ok.body());

    ObjectNode biggest = job.deepCopy();
    firstGroup(biggest).put("Count", 5);
    long stale = plan(biggest).get("JobModifyIndex").asLong();
    ObjectNode meanwhile = job.deepCopy();
    firstGroup(meanwhile).put("Count", 3);
    register(meanwhile);
    long moved = Json.MAPPER.readTree(t.get("/v1/job/plan-cas").body()).get("JobModifyIndex").asLong();
    HttpResponse<String> conflict = t.put("/v1/jobs",
        "{\"Job\":" + biggest + ",\"EnforceIndex\":true,\"JobModifyIndex\":" + stale + "}");
    assertEquals(400, conflict.statusCode());
    assertEquals("Enforcing job modify index " + stale + ": job exists with conflicting job modify index: " + moved,
        conflict.body());
  }

  @Test
  void periodicJobsReportTheirNextLaunchInTheirZone() throws Exception {
    String body = Jobs.batch("plan-periodic").replace("\"Type\": \"batch\",",
        "\"Type\": \"batch\", \"Periodic\": {\"Spec\": \"0 0 1 1 *\", \"TimeZone\": \"America/New_York\"},");
    HttpResponse<String> r = t.put("/v1/job/plan-periodic/plan", body);
    assertEquals(200, r.statusCode(), r.body());
    String next = Json.MAPPER.readTree(r.body()).get("NextPeriodicLaunch").asText();
    assertTrue(next.matches("\\d{4}-01-01T00:00:00-05:00"), next);
  }
}
