package io.jobgate.structs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Job-level, server-side, periodic/parameterized, warning and transition checks (spec §5.1, §5.5, §5.6). */
class JobValidatorTest {

  static ValidationResult validate(String json) throws Exception {
    return JobValidator.validate(JobCanonicalizer.canonicalize(JobCanonicalizerTest.parse(json)));
  }

  static final String TASK = """
      {"Name": "redis", "Driver": "exec", "Config": {"command": "/bin/redis"}}""";

  @Test
  void minimalJobIsValid() throws Exception {
    ValidationResult r = validate(JobCanonicalizerTest.MINIMAL);
    assertTrue(r.ok());
    assertEquals(List.of(), r.errors());
    assertEquals("", r.errorText());
    assertEquals("", r.warningText());
  }

  @Test
  void nestedMultiErrorTextOfSpecExample() throws Exception {
    ValidationResult r = validate("""
        {"ID": "example", "Datacenters": ["dc1"], "TaskGroups": [{"Name": "cache", "Tasks": [
          {"Name": "redis", "Driver": "docker", "Config": {"image": "redis:3.2"}, "Resources": {"CPU": 1}}]}]}
        """);
    assertFalse(r.ok());
    assertEquals("""
        1 error(s) occurred:

        * Task group cache validation failed: 1 error(s) occurred:

        * Task redis validation failed: 1 error(s) occurred:

        * minimum CPU value is 20; got 1""", r.errorText());
    assertEquals(List.of("""
        Task group cache validation failed: 1 error(s) occurred:

        * Task redis validation failed: 1 error(s) occurred:

        * minimum CPU value is 20; got 1"""), r.errors());
  }

  @Test
  void jobFieldChecks() throws Exception {
    ValidationResult r = validate("""
        {"ID": "has space", "Region": "", "Name": "", "Type": "web", "Priority": 0, "Datacenters": [],
         "Constraints": [{"LTarget": "${attr.kernel.name}", "Operand": "="}]}
        """);
    assertEquals(List.of(
        "Missing job region",
        "Job ID contains a space",
        "Missing job name",
        "Invalid job type: \"web\"",
        "Job priority must be between [1, 100]",
        "Missing job datacenters",
        "Missing job task groups",
        "Constraint 1 validation failed: 1 error(s) occurred:\n\n* Operator \"=\" requires an RTarget"),
        r.errors());

    assertEquals(List.of("Missing job ID", "Missing job type", "Job priority must be between [1, 100]",
        "Missing job task groups"), validate("""
        {"ID": "", "Name": "n", "Type": "", "Priority": 101, "Datacenters": ["dc1"]}
        """).errors());
  }

  @Test
  void groupSetChecks() throws Exception {
    ValidationResult r = validate("""
        {"ID": "sys", "Type": "system", "Datacenters": ["dc1"], "TaskGroups": [
          {"Name": "a", "Count": 2, "Tasks": [%1$s]},
          {"Name": "a", "Count": 1, "Tasks": [%1$s]},
          {"Name": "", "Count": 0, "Tasks": [%1$s]}]}
        """.formatted(TASK));
    assertEquals(List.of(
        "Job task group a has count 2. Count cannot exceed 1 with system scheduler",
        "Job task group 2 redefines 'a' from group 1",
        "Job task group 3 missing name",
        "Task group  validation failed: 1 error(s) occurred:\n\n* Missing task group name"),
        r.errors());
  }

  @Test
  void serverSideChecks() throws Exception {
    ValidationResult core = validate("""
        {"ID": "c", "Type": "_core", "Datacenters": ["dc1"], "Payload": "aGk=",
         "TaskGroups": [{"Name": "g", "Tasks": [%s]}]}
        """.formatted(TASK));
    assertEquals("""
        3 error(s) occurred:

        * Task group g validation failed: 1 error(s) occurred:

        * Task Group g should have a reschedule policy
        * job type cannot be core
        * job can't be submitted with a payload, only dispatched""", core.errorText());
  }

  @Test
  void driverChecks() throws Exception {
    ValidationResult r = validate("""
        {"ID": "d", "Datacenters": ["dc1"], "TaskGroups": [{"Name": "cache", "Tasks": [
          {"Name": "redis", "Driver": "lxc"},
          {"Name": "web", "Driver": "docker", "Config": {"imagee": "nginx", "auth": []}},
          {"Name": "cmd", "Driver": "raw_exec", "Config": {"command": ""}},
          {"Name": "vm", "Driver": "qemu", "Config": {"image_path": "/x.img"}, "KillSignal": "SIGINT",
           "Templates": [{"EmbeddedTmpl": "x", "DestPath": "local/x", "ChangeMode": "signal"}]},
          {"Name": "mock", "Driver": "exec",
           "Config": {"command": "x", "run_for": "10s", "exit_code": 1, "start_error": "e", "start_block_for": "1s"}},
          {"Name": "jar", "Driver": "java"},
          {"Name": "pod", "Driver": "rkt", "Config": {"image": "coreos.com/etcd", "run_for": "1s"}}]}]}
        """);
    assertEquals(List.of(
        "failed to create driver for task \"cache\" in group \"redis\" for validation: unknown driver 'lxc'",
        "group \"cache\" -> task \"web\" -> config: 2 error(s) occurred:\n\n"
            + "* field \"image\" is required\n* \"imagee\" is an invalid field",
        "group \"cache\" -> task \"cmd\" -> config: 1 error(s) occurred:\n\n"
            + "* field \"command\" is required, but no value was found",
        "group \"cache\" -> task \"vm\": driver \"qemu\" doesn't support sending signals. "
            + "Requested signals are SIGHUP, SIGINT"),
        r.errors());
  }

  @Test
  void periodicChecks() throws Exception {
    ValidationResult service = validate("""
        {"ID": "p", "Datacenters": ["dc1"], "Periodic": {"Spec": ""}, "TaskGroups": [{"Name": "g", "Tasks": [%s]}]}
        """.formatted(TASK));
    assertEquals(List.of(
        "Periodic can only be used with \"batch\" scheduler",
        "2 error(s) occurred:\n\n* Must specify a spec\n* Invalid cron spec \"\": missing field(s)"),
        service.errors());

    ValidationResult batch = validate("""
        {"ID": "p", "Type": "batch", "Datacenters": ["dc1"],
         "Periodic": {"Spec": "* * *", "TimeZone": "Mars/Olympus_Mons"}, "TaskGroups": [{"Name": "g", "Tasks": [%s]}]}
        """.formatted(TASK));
    assertEquals(List.of("2 error(s) occurred:\n\n"
        + "* Invalid time zone \"Mars/Olympus_Mons\": unknown time zone Mars/Olympus_Mons\n"
        + "* Invalid cron spec \"* * *\": missing field(s)"), batch.errors());

    assertEquals(List.of("2 error(s) occurred:\n\n"
        + "* Invalid time zone \"../etc/passwd\": time: invalid location name\n"
        + "* Unknown periodic specification type \"interval\""), validate("""
        {"ID": "p", "Type": "batch", "Datacenters": ["dc1"],
         "Periodic": {"Spec": "5m", "SpecType": "interval", "TimeZone": "../etc/passwd"},
         "TaskGroups": [{"Name": "g", "Tasks": [%s]}]}
        """.formatted(TASK)).errors());

    assertTrue(validate("""
        {"ID": "p", "Type": "batch", "Datacenters": ["dc1"],
         "Periodic": {"Spec": "0 0 * * FRI#2", "TimeZone": "America/New_York"},
         "TaskGroups": [{"Name": "g", "Tasks": [%s]}]}
        """.formatted(TASK)).ok());
    assertTrue(validate("""
        {"ID": "p", "Datacenters": ["dc1"], "Periodic": {"Enabled": false, "Spec": "nonsense"},
         "TaskGroups": [{"Name": "g", "Tasks": [%s]}]}
        """.formatted(TASK)).ok(), "a disabled periodic block is not checked");
  }

  @Test
  void parameterizedChecks() throws Exception {
    ValidationResult r = validate("""
        {"ID": "p", "Datacenters": ["dc1"],
         "ParameterizedJob": {"Payload": "sometimes", "MetaRequired": ["b", "a"], "MetaOptional": ["a", "b", "c"]},
         "TaskGroups": [{"Name": "g", "Tasks": [%s]}]}
        """.formatted(TASK));
    assertEquals(List.of(
        "Parameterized job can only be used with \"batch\" scheduler",
        "2 error(s) occurred:\n\n* Unknown payload requirement: \"sometimes\"\n"
            + "* Required and optional meta keys should be disjoint. Following keys exist in both: [a b]"),
        r.errors());
  }

  @Test
  void warningsForMaxParallelAboveCount() throws Exception {
    ValidationResult r = validate("""
        {"ID": "w", "Datacenters": ["dc1"], "Update": {"MaxParallel": 3},
         "TaskGroups": [{"Name": "cache", "Count": 2, "Tasks": [%1$s]}, {"Name": "db", "Count": 3, "Tasks": [%1$s]}]}
        """.formatted(TASK));
    assertTrue(r.ok());
    assertEquals(List.of("Group \"cache\" has warnings: 1 error(s) occurred:\n\n"
        + "* Update max parallel count is greater than task group count (3 > 2). A destructive change would "
        + "result in the simultaneous replacement of all allocations."), r.warnings());
    assertEquals("""
        1 warning(s):

        * Group "cache" has warnings: 1 error(s) occurred:

        * Update max parallel count is greater than task group count (3 > 2). \
        A destructive change would result in the simultaneous replacement of all allocations.""", r.warningText());
  }

  @Test
  void transitionChecks() throws Exception {
    Job service = JobCanonicalizer.canonicalize(JobCanonicalizerTest.parse(JobCanonicalizerTest.MINIMAL));
    Job batch = JobCanonicalizer.canonicalize(JobCanonicalizerTest.parse("""
        {"ID": "example", "Type": "batch", "TaskGroups": [{"Name": "g", "Tasks": [{"Name": "t"}]}]}"""));
    Job periodic = JobCanonicalizer.canonicalize(JobCanonicalizerTest.parse("""
        {"ID": "example", "Type": "batch", "Periodic": {"Enabled": false},
         "TaskGroups": [{"Name": "g", "Tasks": [{"Name": "t"}]}]}"""));
    Job parameterized = JobCanonicalizer.canonicalize(JobCanonicalizerTest.parse("""
        {"ID": "example", "Type": "batch", "ParameterizedJob": {},
         "TaskGroups": [{"Name": "g", "Tasks": [{"Name": "t"}]}]}"""));
    Job dispatchedChild = batch.asChild("example/dispatch-1-abcd1234", null, true, null, null, 1L);

    assertNull(JobValidator.validateUpdate(null, service));
    assertEquals("job can't be submitted with 'Dispatched' set", JobValidator.validateUpdate(null, dispatchedChild));
    assertNull(JobValidator.validateUpdate(service, service));
    assertEquals("cannot update job from type \"service\" to \"batch\"", JobValidator.validateUpdate(service, batch));
    assertEquals("cannot update periodic job to being non-periodic", JobValidator.validateUpdate(periodic, batch));
    assertEquals("cannot update non-periodic job to being periodic", JobValidator.validateUpdate(batch, periodic));
    // Swapped in Nomad 0.8 (§5.6).
    assertEquals("cannot update non-parameterized job to being parameterized",
        JobValidator.validateUpdate(parameterized, batch));
    assertEquals("cannot update parameterized job to being non-parameterized",
        JobValidator.validateUpdate(batch, parameterized));
    assertEquals("field 'Dispatched' is read-only", JobValidator.validateUpdate(dispatchedChild, batch));
  }

  @Test
  void multiErrorFormats() {
    assertEquals("1 error(s) occurred:\n\n* a", MultiError.format(List.of("a")));
    assertEquals("2 error(s) occurred:\n\n* a\n* b", MultiError.format(List.of("a", "b")));
    assertEquals("2 warning(s):\n\n* a\n* b", MultiError.formatWarnings(List.of("a", "b")));
    ValidationResult r = new ValidationResult(List.of("x"), List.of());
    assertFalse(r.ok());
    assertEquals("1 error(s) occurred:\n\n* x", r.errorText());
  }
}
