package io.jobgate.structs;

import static io.jobgate.structs.GoDuration.HOUR;
import static io.jobgate.structs.GoDuration.MINUTE;
import static io.jobgate.structs.GoDuration.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobCanonicalizerTest {

  static Job parse(String json) throws Exception {
    return Json.MAPPER.readValue(json, Job.class);
  }

  static Job canonical(String json) throws Exception {
    return JobCanonicalizer.canonicalize(parse(json));
  }

  static final String MINIMAL = """
      {"ID": "example", "Datacenters": ["dc1"],
       "TaskGroups": [{"Name": "cache",
         "Tasks": [{"Name": "redis", "Driver": "docker", "Config": {"image": "redis:3.2"}}]}]}
      """;

  @Test
  void minimalJobGetsEveryDefault() throws Exception {
    Job job = canonical(MINIMAL);

    assertEquals(false, job.stop());
    assertEquals("global", job.region());
    assertEquals("default", job.namespace());
    assertEquals("example", job.id());
    assertEquals("", job.parentId());
    assertEquals("example", job.name());
    assertEquals("service", job.type());
    assertEquals(50, job.priority());
    assertEquals(false, job.allAtOnce());
    assertEquals(List.of("dc1"), job.datacenters());
    assertNull(job.constraints());
    assertEquals(new UpdateStrategy(0L, 0, "", 0L, 0L, 0L, false, 0), job.update());
    assertNull(job.periodic());
    assertNull(job.parameterizedJob());
    assertEquals(false, job.dispatched());
    assertNull(job.payload());
    assertNull(job.meta());
    assertEquals("", job.vaultToken());
    assertNull(job.status());
    assertNull(job.version());
    assertNull(job.createIndex());
    assertNull(job.reschedule());
    assertNull(job.migrate());

    Task redis = new Task("redis", "docker", "", Map.of("image", "redis:3.2"), null, null, null, null, null,
        new Resources(100, 300, 0, 0, null), null, null, 5 * SECOND, new LogConfig(10, 10), null, false, 0L, "");
    TaskGroup cache = new TaskGroup("cache", 1, null,
        new MigrateStrategy(1, "checks", 10 * SECOND, 5 * MINUTE),
        null,
        new RestartPolicy(2, 30 * MINUTE, 15 * SECOND, "fail"),
        List.of(redis),
        new EphemeralDisk(false, 300, false),
        null,
        new ReschedulePolicy(0, 0L, 30 * SECOND, "exponential", HOUR, true));
    assertEquals(List.of(cache), job.taskGroups());
  }

  @Test
  void storedJsonHasZeroValuesNotNulls() throws Exception {
    JsonNode json = Json.MAPPER.valueToTree(canonical(MINIMAL));
    assertEquals(false, json.get("Stop").asBoolean(true));
    assertEquals("", json.get("VaultToken").asText());
    assertEquals(0, json.get("Update").get("MaxParallel").asInt(-1));
    assertEquals(5_000_000_000L, json.at("/TaskGroups/0/Tasks/0/KillTimeout").asLong());
    assertEquals(0, json.at("/TaskGroups/0/Tasks/0/Resources/DiskMB").asInt(-1));
    assertFalse(json.has("Reschedule"), "job-level Reschedule is input only");
    assertFalse(json.at("/TaskGroups/0/Tasks/0").has("CheckRestart"));
  }

  @Test
  void readOnlyAndInputOnlyFieldsAreDropped() throws Exception {
    Job job = canonical("""
        {"ID": "x", "Name": "", "Namespace": "", "Status": "running", "StatusDescription": "s", "Stable": true,
         "Version": 7, "SubmitTime": 1, "CreateIndex": 2, "ModifyIndex": 3, "JobModifyIndex": 4,
         "Dispatched": true, "VaultToken": "tok", "ParentID": "p", "Meta": {}, "Payload": "aGk=",
         "TaskGroups": [{"Name": "g", "Tasks": [{"Name": "t", "Resources": {"DiskMB": 500, "CPU": 250},
           "KillTimeout": 0, "Env": {}, "Config": {}, "Meta": {}}]}]}
        """);
    assertEquals("", job.name(), "an explicit empty name stays (and fails validation)");
    assertEquals("default", job.namespace(), "the server defaults an empty namespace too");
    assertNull(job.status());
    assertNull(job.statusDescription());
    assertNull(job.stable());
    assertNull(job.version());
    assertNull(job.submitTime());
    assertNull(job.createIndex());
    assertNull(job.modifyIndex());
    assertNull(job.jobModifyIndex());
    assertEquals(false, job.dispatched());
    assertEquals("", job.vaultToken(), "never stored");
    assertEquals("p", job.parentId());
    assertNull(job.meta());
    assertEquals("hi", new String(job.payload()));
    Task t = job.taskGroups().get(0).tasks().get(0);
    assertEquals(new Resources(250, 300, 0, 0, null), t.resources());
    assertEquals(5 * SECOND, t.killTimeout());
    assertNull(t.env());
    assertNull(t.config());
    assertNull(t.meta());
    assertEquals(300, job.taskGroups().get(0).ephemeralDisk().sizeMB());
  }

  @Test
  void jobUpdateIsReducedAtJobLevelAndOverlaidOntoGroups() throws Exception {
    Job job = canonical("""
        {"ID": "web", "Update": {"MaxParallel": 2, "Canary": 1, "HealthCheck": "task_states"},
         "TaskGroups": [
           {"Name": "a", "Tasks": [{"Name": "t"}]},
           {"Name": "b", "Update": {"MaxParallel": 5, "AutoRevert": true}, "Tasks": [{"Name": "t"}]}]}
        """);
    assertEquals(new UpdateStrategy(30 * SECOND, 2, "", 0L, 0L, 0L, false, 0), job.update());
    assertEquals(new UpdateStrategy(30 * SECOND, 2, "task_states", 10 * SECOND, 5 * MINUTE, 10 * MINUTE, false, 1),
        job.taskGroups().get(0).update());
    assertEquals(new UpdateStrategy(30 * SECOND, 5, "task_states", 10 * SECOND, 5 * MINUTE, 10 * MINUTE, true, 1),
        job.taskGroups().get(1).update());
  }

  @Test
  void groupUpdateAloneGetsDefaultsAndAllZeroJobUpdateIsNotInherited() throws Exception {
    Job job = canonical("""
        {"ID": "web", "Update": {"Stagger": 0, "MaxParallel": 0, "HealthCheck": "", "MinHealthyTime": 0,
           "HealthyDeadline": 0, "ProgressDeadline": 0, "AutoRevert": false, "Canary": 0},
         "TaskGroups": [{"Name": "a", "Tasks": [{"Name": "t"}]}]}
        """);
    assertEquals(UpdateStrategy.ZERO, job.update());
    assertNull(job.taskGroups().get(0).update());

    Job other = canonical("""
        {"ID": "web", "TaskGroups": [{"Name": "a", "Update": {"Canary": 2}, "Tasks": [{"Name": "t"}]}]}
        """);
    assertEquals(UpdateStrategy.ZERO, other.update());
    assertEquals(new UpdateStrategy(30 * SECOND, 1, "checks", 10 * SECOND, 5 * MINUTE, 10 * MINUTE, false, 2),
        other.taskGroups().get(0).update());
  }

  @Test
  void restartAndRescheduleDefaultsDependOnType() throws Exception {
    Job batch = canonical("""
        {"ID": "b", "Type": "batch", "TaskGroups": [{"Name": "g", "RestartPolicy": {"Attempts": 5},
           "Tasks": [{"Name": "t"}]}]}
        """);
    TaskGroup g = batch.taskGroups().get(0);
    assertEquals(new RestartPolicy(5, 24 * HOUR, 15 * SECOND, "fail"), g.restartPolicy());
    assertEquals(new ReschedulePolicy(1, 24 * HOUR, 5 * SECOND, "constant", 0L, false), g.reschedulePolicy());
    assertNull(g.migrate(), "only service groups get a migrate strategy");

    Job service = canonical("""
        {"ID": "s", "Reschedule": {"Attempts": 3, "Unlimited": false},
         "Migrate": {"MaxParallel": 2},
         "TaskGroups": [{"Name": "g", "ReschedulePolicy": {"Interval": 3600000000000},
           "Migrate": {"HealthCheck": "task_states"}, "Tasks": [{"Name": "t"}]}]}
        """);
    TaskGroup sg = service.taskGroups().get(0);
    assertEquals(new ReschedulePolicy(3, HOUR, 30 * SECOND, "exponential", HOUR, false), sg.reschedulePolicy());
    assertEquals(new MigrateStrategy(2, "task_states", 10 * SECOND, 5 * MINUTE), sg.migrate());
    assertNull(service.reschedule());
    assertNull(service.migrate());
  }

  @Test
  void systemJobsGetNoReschedulePolicy() throws Exception {
    Job job = canonical("""
        {"ID": "sys", "Type": "system", "TaskGroups": [{"Name": "g", "Tasks": [{"Name": "t"}]}]}
        """);
    TaskGroup g = job.taskGroups().get(0);
    assertNull(g.reschedulePolicy());
    assertNull(g.migrate());
    assertEquals(new RestartPolicy(2, 30 * MINUTE, 15 * SECOND, "fail"), g.restartPolicy());

    Job withPolicy = canonical("""
        {"ID": "sys", "Type": "system", "TaskGroups": [{"Name": "g", "ReschedulePolicy": {"Attempts": 1},
           "Tasks": [{"Name": "t"}]}]}
        """);
    assertEquals(new ReschedulePolicy(1, 0L, 0L, "", 0L, false), withPolicy.taskGroups().get(0).reschedulePolicy());
  }

  @Test
  void serviceNamesChecksAndCheckRestart() throws Exception {
    Job job = canonical("""
        {"ID": "shop", "Name": "shop-prod", "TaskGroups": [{"Name": "web", "Tasks": [{"Name": "nginx",
          "Services": [
            {"PortLabel": "http", "Tags": [], "Checks": [{"Type": "http", "Path": "/"}]},
            {"Name": "${JOB}-${TASKGROUP}-${TASK}-${BASE}-${NOMAD_META_x}", "AddressMode": "host",
             "CheckRestart": {"Limit": 3, "Grace": 10000000000},
             "Checks": [{"Name": "alive", "Type": "tcp", "CheckRestart": {"IgnoreWarnings": true},
                         "Args": [], "Header": {"X": []}},
                        {"Type": "tcp", "CheckRestart": {"Limit": 1}}]},
            {"Name": "svc", "Checks": [{"Type": "tcp", "CheckRestart": {"Limit": 2}}]}]}]}]}
        """);
    List<Service> services = job.taskGroups().get(0).tasks().get(0).services();

    Service first = services.get(0);
    assertEquals("shop-prod-web-nginx", first.name());
    assertEquals("auto", first.addressMode());
    assertNull(first.tags());
    assertEquals("service: \"shop-prod-web-nginx\" check", first.checks().get(0).name());
    assertNull(first.checks().get(0).checkRestart());

    Service second = services.get(1);
    assertEquals("shop-prod-web-nginx-shop-prod-web-nginx-${NOMAD_META_x}", second.name());
    assertEquals("host", second.addressMode());
    assertNull(second.checkRestart());
    ServiceCheck alive = second.checks().get(0);
    assertEquals("alive", alive.name());
    assertEquals(new CheckRestart(3, 10 * SECOND, true), alive.checkRestart());
    assertNull(alive.args());
    assertEquals(java.util.Collections.singletonMap("X", null), alive.header());
    ServiceCheck unnamed = second.checks().get(1);
    assertEquals("service: \"shop-prod-web-nginx-shop-prod-web-nginx-${NOMAD_META_x}\" check", unnamed.name());
    assertEquals(new CheckRestart(1, 10 * SECOND, false), unnamed.checkRestart());

    assertEquals(new CheckRestart(2, SECOND, false), services.get(2).checks().get(0).checkRestart());
  }

  @Test
  void taskSubBlocksGetDefaults() throws Exception {
    Job job = canonical("""
        {"ID": "j", "TaskGroups": [{"Name": "g", "EphemeralDisk": {"Sticky": true}, "Tasks": [{"Name": "t",
          "Resources": {"Networks": [{"Device": "eth0", "ReservedPorts": [{"Label": "http", "Value": 80}],
                                      "DynamicPorts": []}]},
          "LogConfig": {"MaxFiles": 3},
          "Artifacts": [{"GetterSource": "https://example.com/dl/app.tar.gz?archive=false", "GetterMode": "file"},
                        {"GetterSource": "https://example.com/dir/"}],
          "Templates": [{"DestPath": "local/a", "ChangeMode": "signal"}, {"ChangeSignal": "sigusr1"}],
          "Vault": {"Policies": ["p"], "ChangeSignal": "sigint"},
          "DispatchPayload": {}}]}]}
        """);
    TaskGroup g = job.taskGroups().get(0);
    assertEquals(new EphemeralDisk(true, 300, false), g.ephemeralDisk());
    Task t = g.tasks().get(0);
    assertEquals(new Resources(100, 300, 0, 0,
        List.of(new NetworkResource("", "", "", 10, List.of(new Port("http", 80)), null))), t.resources());
    assertEquals(new LogConfig(3, 10), t.logConfig());
    assertEquals(new TaskArtifact("https://example.com/dl/app.tar.gz?archive=false", null, "file",
        "local/app.tar.gz?archive=false"), t.artifacts().get(0));
    assertEquals(new TaskArtifact("https://example.com/dir/", null, "any", "local/"), t.artifacts().get(1));
    assertEquals(new Template("", "local/a", "", "signal", "SIGHUP", 5 * SECOND, "0644", "{{", "}}", false,
        15 * SECOND), t.templates().get(0));
    assertEquals("SIGUSR1", t.templates().get(1).changeSignal());
    assertEquals("restart", t.templates().get(1).changeMode());
    assertEquals(new Vault(List.of("p"), true, "restart", "SIGINT"), t.vault());
    assertEquals(new DispatchPayloadConfig(""), t.dispatchPayload());
  }

  @Test
  void periodicAndParameterizedDefaults() throws Exception {
    Job job = canonical("""
        {"ID": "p", "Type": "batch", "Periodic": {"Spec": "@daily", "TimeZone": ""},
         "ParameterizedJob": {"MetaRequired": ["a"]}, "TaskGroups": [{"Name": "g", "Tasks": [{"Name": "t"}]}]}
        """);
    assertEquals(new PeriodicConfig(true, "@daily", "cron", false, "UTC"), job.periodic());
    assertEquals(new ParameterizedJobConfig("optional", List.of("a"), null), job.parameterizedJob());
  }

  @Test
  void implicitVaultAndSignalConstraints() throws Exception {
    Job job = canonical("""
        {"ID": "j", "TaskGroups": [
          {"Name": "g", "Constraints": [{"LTarget": "${attr.vault.version}", "RTarget": ">= 0.6.1",
                                         "Operand": "version"}],
           "Tasks": [
             {"Name": "a", "KillSignal": "SIGTERM", "Vault": {"Policies": ["p"], "ChangeMode": "signal",
                                                              "ChangeSignal": "sighup"}},
             {"Name": "b", "Templates": [{"ChangeMode": "signal", "ChangeSignal": "SIGUSR1"}],
              "KillSignal": "SIGHUP"}]},
          {"Name": "plain", "Tasks": [{"Name": "c"}]}]}
        """);
    assertEquals(List.of(
        new Constraint("${attr.vault.version}", ">= 0.6.1", "version"),
        new Constraint("${attr.os.signals}", "SIGHUP,SIGTERM,SIGUSR1", "set_contains")),
        job.taskGroups().get(0).constraints());
    assertNull(job.taskGroups().get(1).constraints());
  }

  @Test
  void oddInputIsCarriedThroughNotRejected() throws Exception {
    Job job = canonical("""
        {"TaskGroups": [null, {"Tasks": [null], "Constraints": [null]}], "Type": "weird",
         "Datacenters": [null]}
        """);
    assertEquals("", job.id());
    assertEquals("", job.name());
    assertEquals(List.of(""), job.datacenters());
    TaskGroup g = job.taskGroups().get(1);
    assertEquals("", g.name());
    assertEquals(List.of(new Constraint("", "", "")), g.constraints());
    assertEquals("", g.tasks().get(0).name());
    assertNull(g.reschedulePolicy(), "no default policy for an unknown type");
    assertEquals(new RestartPolicy(3, 24 * HOUR, 15 * SECOND, "fail"), g.restartPolicy());
  }
}
