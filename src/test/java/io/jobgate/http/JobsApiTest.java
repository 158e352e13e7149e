package io.jobgate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobgate.structs.Json;
import io.jobgate.support.Jobs;
import io.jobgate.support.TestAgent;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The jobs endpoints over raw HTTP: shapes, defaults, indexes, texts and status codes. */
class JobsApiTest {

  private static TestAgent t;

  @BeforeAll
  static void start() {
    t = TestAgent.start();
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return Json.MAPPER.readTree(r.body());
  }

  private static HttpResponse<String> register(String id) {
    HttpResponse<String> r = t.put("/v1/jobs", Jobs.example(id));
    assertEquals(200, r.statusCode(), r.body());
    return r;
  }

  @Test
  void listIsSortedFilteredByPrefixAndEmbedsSummaries() throws Exception {
    register("lst-b");
    register("lst-a");
    register("other-lst");
    JsonNode list = json(t.get("/v1/jobs?prefix=lst-"));
    assertEquals(2, list.size());
    assertEquals("lst-a", list.get(0).get("ID").asText());
    assertEquals("lst-b", list.get(1).get("ID").asText());
    JsonNode stub = list.get(0);
    assertEquals("service", stub.get("Type").asText());
    assertEquals(50, stub.get("Priority").asInt());
    assertFalse(stub.get("Periodic").asBoolean());
    assertFalse(stub.get("ParameterizedJob").asBoolean());
    assertEquals("lst-a", stub.get("JobSummary").get("JobID").asText());
    assertEquals("default", stub.get("JobSummary").get("Namespace").asText());
    assertEquals("[]", t.get("/v1/jobs?prefix=nothing-here").body());
  }

  @Test
  void storedJobCarriesNomadDefaults() throws Exception {
    register("defaults");
    JsonNode job = json(t.get("/v1/job/defaults"));
    assertEquals("global", job.get("Region").asText());
    assertEquals("default", job.get("Namespace").asText());
    assertEquals("defaults", job.get("Name").asText());
    assertEquals("", job.get("ParentID").asText());
    assertFalse(job.get("AllAtOnce").asBoolean());
    assertFalse(job.get("Stop").asBoolean());
    assertEquals("", job.get("VaultToken").asText());
    assertTrue(job.get("Periodic").isNull());
    assertTrue(job.get("Payload").isNull());
    JsonNode tg = job.get("TaskGroups").get(0);
    assertEquals(1, tg.get("Count").asInt());
    assertEquals(300, tg.get("EphemeralDisk").get("SizeMB").asInt());
    assertEquals(2, tg.get("RestartPolicy").get("Attempts").asInt());
    assertEquals("fail", tg.get("RestartPolicy").get("Mode").asText());
    assertEquals("exponential", tg.get("ReschedulePolicy").get("DelayFunction").asText());
    assertTrue(tg.get("ReschedulePolicy").get("Unlimited").asBoolean());
    JsonNode task = tg.get("Tasks").get(0);
    assertEquals(5_000_000_000L, task.get("KillTimeout").asLong());
    assertEquals(10, task.get("LogConfig").get("MaxFiles").asInt());
    assertEquals(10, task.get("Resources").get("Networks").get(0).get("MBits").asInt());
  }

  @Test
  void checkAndSetConflictsUseNomadsTexts() throws Exception {
    String body = Jobs.example("cas");
    String enforce0 = body.substring(0, body.length() - 1) + ", \"EnforceIndex\": true, \"JobModifyIndex\": 0}";
    assertEquals(200, t.put("/v1/jobs", enforce0).statusCode());
    long jmi = json(t.get("/v1/job/cas")).get("JobModifyIndex").asLong();

    HttpResponse<String> exists = t.put("/v1/jobs", enforce0);
    assertEquals(400, exists.statusCode());
    assertEquals("Enforcing job modify index 0: job already exists", exists.body());

    String stale = body.substring(0, body.length() - 1) + ", \"EnforceIndex\": true, \"JobModifyIndex\": 1}";
    HttpResponse<String> conflict = t.put("/v1/jobs", stale);
    assertEquals(400, conflict.statusCode());
    assertEquals("Enforcing job modify index 1: job exists with conflicting job modify index: " + jmi,
        conflict.body());

    String missing = Jobs.example("cas-missing");
    missing = missing.substring(0, missing.length() - 1) + ", \"EnforceIndex\": true, \"JobModifyIndex\": 7}";
    HttpResponse<String> absent = t.put("/v1/jobs", missing);
    assertEquals("Enforcing job modify index 7: job does not exist", absent.body());
    assertEquals(404, t.get("/v1/job/cas-missing").statusCode());

    String good = body.substring(0, body.length() - 1) + ", \"EnforceIndex\": true, \"JobModifyIndex\": " + jmi + "}";
    assertEquals(200, t.put("/v1/jobs", good.replace("\"Count\": 1", "\"Count\": 3")).statusCode());
  }

  @Test
  void revertMakesANewVersionAndEnforcesThePriorOne() throws Exception {
    register("rev");
    t.put("/v1/jobs", Jobs.example("rev", 2));
    HttpResponse<String> wrongPrior = t.put("/v1/job/rev/revert",
        "{\"JobID\":\"rev\",\"JobVersion\":0,\"EnforcePriorVersion\":5}");
    assertEquals(400, wrongPrior.statusCode());
    assertEquals("Current job has version 1; enforcing version 5", wrongPrior.body());
    assertEquals("can't revert to current version",
        t.put("/v1/job/rev/revert", "{\"JobID\":\"rev\",\"JobVersion\":1}").body());
    assertEquals("job \"rev\" in namespace \"default\" at version 9 not found",
        t.put("/v1/job/rev/revert", "{\"JobID\":\"rev\",\"JobVersion\":9}").body());
    assertEquals("Job ID does not match",
        t.put("/v1/job/rev/revert", "{\"JobID\":\"other\",\"JobVersion\":0}").body());

    HttpResponse<String> ok = t.put("/v1/job/rev/revert",
        "{\"JobID\":\"rev\",\"JobVersion\":0,\"EnforcePriorVersion\":1}");
    assertEquals(200, ok.statusCode(), ok.body());
    assertEquals("0", ok.headers().firstValue("X-Nomad-LastContact").orElseThrow());
    assertEquals("false", ok.headers().firstValue("X-Nomad-KnownLeader").orElseThrow());
    JsonNode job = json(t.get("/v1/job/rev"));
    assertEquals(2, job.get("Version").asLong());
    assertEquals(1, job.get("TaskGroups").get(0).get("Count").asInt());
  }

  @Test
  void stableMarksTheVersionAndAnswersOnlyTheIndex() throws Exception {
    register("stab");
    HttpResponse<String> r = t.put("/v1/job/stab/stable", "{\"JobID\":\"stab\",\"JobVersion\":0,\"Stable\":true}");
    assertEquals(200, r.statusCode(), r.body());
    JsonNode reply = json(r);
    assertEquals(1, reply.size());
    assertEquals(t.index(r), reply.get("Index").asLong());
    JsonNode job = json(t.get("/v1/job/stab"));
    assertTrue(job.get("Stable").asBoolean());
    assertEquals(reply.get("Index").asLong(), job.get("ModifyIndex").asLong());
    assertEquals(0, job.get("Version").asLong());
    assertTrue(json(t.get("/v1/job/stab/versions")).get("Versions").get(0).get("Stable").asBoolean());
    assertEquals("job \"stab\" in namespace \"default\" at version 4 not found",
        t.put("/v1/job/stab/stable", "{\"JobID\":\"stab\",\"JobVersion\":4,\"Stable\":true}").body());
  }

  @Test
  void evaluateCreatesAnEvalForKnownJobsOnly() throws Exception {
    register("evl");
    HttpResponse<String> r = t.put("/v1/job/evl/evaluate", "");
    assertEquals(200, r.statusCode(), r.body());
    JsonNode reply = json(r);
    long modifyIndex = json(t.get("/v1/job/evl")).get("ModifyIndex").asLong();
    assertEquals(modifyIndex, reply.get("JobModifyIndex").asLong());
    assertEquals(reply.get("Index").asLong(), t.index(r));
    assertEquals("job not found", t.put("/v1/job/nope/evaluate", "").body());
    assertEquals("JobID not same as job name",
        t.put("/v1/job/evl/evaluate", "{\"JobID\":\"x\",\"EvalOptions\":{\"ForceReschedule\":true}}").body());
    assertEquals("Job ID must be specified", t.put("/v1/job/evl/evaluate", "{\"EvalOptions\":{}}").body());
  }

  @Test
  void validateAlwaysAnswers200WithTheErrors() throws Exception {
    HttpResponse<String> r = t.put("/v1/validate/job",
        "{\"Job\":{\"ID\":\"v\",\"Priority\":500,\"Datacenters\":[\"dc1\"],\"TaskGroups\":[]}}");
    assertEquals(200, r.statusCode());
    JsonNode v = json(r);
    assertTrue(v.get("DriverConfigValidated").asBoolean());
    assertEquals("Job priority must be between [1, 100]", v.get("ValidationErrors").get(0).asText());
    assertEquals("Missing job task groups", v.get("ValidationErrors").get(1).asText());
    assertTrue(v.get("Error").asText().startsWith("2 error(s) occurred:\n\n* Job priority"));
    JsonNode okJob = json(t.put("/v1/validate/job", Jobs.example("valid")));
    assertTrue(okJob.get("ValidationErrors").isNull());
    assertEquals("", okJob.get("Error").asText());
    assertEquals(404, t.get("/v1/job/valid").statusCode());
  }

  @Test
  void invalidJobIsRefusedWithNomadsTextAndNothingIsStored() throws Exception {
    long before = t.index(t.get("/v1/jobs"));
    HttpResponse<String> r = t.put("/v1/jobs", "{\"Job\":{\"ID\":\"bad job\",\"Datacenters\":[\"dc1\"],"
        + "\"TaskGroups\":[{\"Name\":\"g\",\"Tasks\":[{\"Name\":\"t\",\"Driver\":\"exec\","
        + "\"Config\":{\"command\":\"x\"}}]}]}}");
    assertEquals(400, r.statusCode());
    assertEquals("1 error(s) occurred:\n\n* Job ID contains a space", r.body());
    assertEquals(before, t.index(t.get("/v1/jobs")));
  }

  @Test
  void registerChecksTheBodyAgainstThePath() {
    assertEquals("Job must be specified", t.put("/v1/jobs", "{}").body());
    assertEquals("Job ID hasn't been provided", t.put("/v1/jobs", "{\"Job\":{\"Name\":\"x\"}}").body());
    HttpResponse<String> mismatch = t.put("/v1/job/other", Jobs.example("mine"));
    assertEquals(400, mismatch.statusCode());
    assertEquals("Job ID does not match name", mismatch.body());
    assertEquals(200, t.post("/v1/job/mine-post", Jobs.example("mine-post")).statusCode());
  }

  @Test
  void wrongMethodsGet405() {
    assertEquals("Invalid method", t.delete("/v1/jobs").body());
    assertEquals(405, t.delete("/v1/jobs").statusCode());
    assertEquals(405, t.get("/v1/job/x/evaluate").statusCode());
    assertEquals(405, t.get("/v1/job/x/revert").statusCode());
    assertEquals(405, t.put("/v1/job/x/allocations", "").statusCode());
    assertEquals(405, t.get("/v1/validate/job").statusCode());
  }

  @Test
  void jobIdsMayContainSlashes() throws Exception {
    String body = Jobs.example("parent/child");
    assertEquals(200, t.put("/v1/jobs", body).statusCode());
    JsonNode job = json(t.get("/v1/job/parent/child"));
    assertEquals("parent/child", job.get("ID").asText());
    assertEquals(200, t.get("/v1/job/parent/child/summary").statusCode());
    assertEquals(200, t.get("/v1/job/parent%2Fchild").statusCode());
  }

  @Test
  void uncleanPathsAreRedirected() {
    HttpResponse<String> r = t.get("/v1/job/a//b");
    assertEquals(301, r.statusCode());
    assertEquals("/v1/job/a/b", r.headers().firstValue("Location").orElseThrow());
  }

  @Test
  void sideReadsAnswerEmptyListsAndNullDeployment() {
    assertEquals("[]", t.get("/v1/job/unknown/allocations").body());
    assertEquals("[]", t.get("/v1/job/unknown/evaluations").body());
    assertEquals("[]", t.get("/v1/job/unknown/deployments").body());
    HttpResponse<String> d = t.get("/v1/job/unknown/deployment");
    assertEquals(200, d.statusCode());
    assertEquals("null", d.body());
  }

  @Test
  void badBooleansAreRefusedWithGosText() {
    HttpResponse<String> r = t.delete("/v1/job/x?purge=xyz");
    assertEquals(400, r.statusCode());
    assertEquals("Failed to parse value of \"purge\" (xyz) as a bool: strconv.ParseBool: parsing \"xyz\": "
        + "invalid syntax", r.body());
  }

  @Test
  void prettyPrintsWithFourSpacesUnlessZero() {
    register("pretty");
    String pretty = t.get("/v1/job/pretty/summary?pretty").body();
    assertTrue(pretty.startsWith("{\n    \"JobID\": \"pretty\","), pretty);
    assertTrue(pretty.endsWith("}\n"));
    assertFalse(t.get("/v1/job/pretty/summary?pretty=0").body().contains("\n"));
  }

  @Test
  void gzipWhenAsked() throws Exception {
    register("zipped");
    HttpResponse<byte[]> r = t.http().send(HttpRequest.newBuilder(URI.create(t.base + "/v1/job/zipped"))
        .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals("gzip", r.headers().firstValue("Content-Encoding").orElseThrow());
    String body = new String(new GZIPInputStream(new ByteArrayInputStream(r.body())).readAllBytes(),
        StandardCharsets.UTF_8);
    assertEquals("zipped", Json.MAPPER.readTree(body).get("ID").asText());
  }

  @Test
  void keysMatchCaseInsensitivelyAndNullsMeanUnset() throws Exception {
    String body = "{\"job\":{\"id\":\"lower\",\"datacenters\":[\"dc1\"],\"priority\":null,"
        + "\"taskgroups\":[{\"name\":\"g\",\"count\":null,\"tasks\":[{\"name\":\"t\","
        + "\"driver\":\"exec\",\"config\":{\"command\":\"/bin/true\"},\"killtimeout\":2000000000}]}]}}";
    assertEquals(200, t.put("/v1/jobs", body).statusCode());
    JsonNode job = json(t.get("/v1/job/lower"));
    assertEquals(50, job.get("Priority").asInt());
    assertEquals(1, job.get("TaskGroups").get(0).get("Count").asInt());
    assertEquals(2_000_000_000L, job.get("TaskGroups").get(0).get("Tasks").get(0).get("KillTimeout").asLong());
  }

  @Test
  void healthHasNomadsShape() throws Exception {
    JsonNode h = json(t.get("/v1/agent/health"));
    assertTrue(h.get("server").get("ok").asBoolean());
    assertEquals("ok", h.get("client").get("message").asText());
  }

  @Test
  void versionsWithDiffsLeadFromEachOlderVersionToTheNewer() throws Exception {
    register("vdiff");
    t.put("/v1/jobs", Jobs.example("vdiff", 2));
    t.put("/v1/jobs", Jobs.example("vdiff", 5));
    assertTrue(json(t.get("/v1/job/vdiff/versions")).get("Diffs").isNull());
    assertTrue(json(t.get("/v1/job/vdiff/versions?diffs=false")).get("Diffs").isNull());
    JsonNode reply = json(t.get("/v1/job/vdiff/versions?diffs=true"));
    JsonNode diffs = reply.get("Diffs");
    assertFalse(reply.has("JobDiffs"), "a non-null JobDiffs breaks the Java SDK");
    assertEquals(2, diffs.size());
    for (int i = 0; i < 2; i++) {
      JsonNode count = diffs.get(i).get("TaskGroups").get(0).get("Fields").get(0);
      assertEquals("Edited", diffs.get(i).get("Type").asText());
      assertEquals("Count", count.get("Name").asText());
      assertEquals(reply.get("Versions").get(i + 1).get("TaskGroups").get(0).get("Count").asText(),
          count.get("Old").asText());
      assertEquals(reply.get("Versions").get(i).get("TaskGroups").get(0).get("Count").asText(),
          count.get("New").asText());
      assertTrue(count.get("Annotations").isNull(), "annotations are for plans only");
    }
    register("vdiff-single");
    assertTrue(json(t.get("/v1/job/vdiff-single/versions?diffs=true")).get("Diffs").isNull());
  }
}
