package io.jobgate.structs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Task, service, artifact, vault and template checks (spec §5.3). */
class TaskValidatorTest {

  /** Errors of the single task {@code task} in a one-group job. */
  static List<String> taskErrors(String task) throws Exception {
    Job job = JobCanonicalizer.canonicalize(JobCanonicalizerTest.parse("""
        {"ID": "j", "TaskGroups": [{"Name": "g", "Tasks": [%s]}]}""".formatted(task)));
    TaskGroup g = job.taskGroups().get(0);
    return TaskValidator.validate(g.tasks().get(0), g.ephemeralDisk());
  }

  @Test
  void taskFieldsResourcesAndLogs() throws Exception {
    assertEquals(List.of(
        "Task name cannot include slashes",
        "Missing task driver",
        "KillTimeout must be a positive value",
        "ShutdownDelay must be a positive value",
        "minimum CPU value is 20; got 10",
        "minimum MemoryMB value is 10; got 5",
        "minimum IOPS value is 0; got -1",
        "network resource at index 1 failed: minimum MBits value is 1; got 0",
        "2 error(s) occurred:\n\n* minimum number of files is 1; got 0\n* minimum file size is 1MB; got 0",
        "Constraint 1 has disallowed Operand at task level: distinct_hosts",
        "Constraint 2 validation failed: 1 error(s) occurred:\n\n"
            + "* Failed to convert RTarget \"x\" to uint64: strconv.ParseUint: parsing \"x\": invalid syntax",
        "Constraint 2 has disallowed Operand at task level: distinct_property"),
        taskErrors("""
            {"Name": "a/b", "KillTimeout": -1, "ShutdownDelay": -1,
             "Resources": {"CPU": 10, "MemoryMB": 5, "IOPS": -1, "Networks": [{}, {"MBits": 0}]},
             "LogConfig": {"MaxFiles": 0, "MaxFileSizeMB": 0},
             "Constraints": [{"Operand": "distinct_hosts"},
                             {"LTarget": "${meta.rack}", "RTarget": "x", "Operand": "distinct_property"}]}
            """));
    assertEquals(List.of("Missing task name"), taskErrors("{\"Name\": \"\", \"Driver\": \"exec\"}"));
    assertEquals(List.of("Task name cannot include slashes"),
        taskErrors("{\"Name\": \"a\\\\b\", \"Driver\": \"exec\"}"));
    assertEquals(List.of("log storage (300 MB) must be less than requested disk capacity (300 MB)"),
        taskErrors("{\"Name\": \"t\", \"Driver\": \"exec\", \"LogConfig\": {\"MaxFileSizeMB\": 30}}"));
  }

  @Test
  void serviceChecks() throws Exception {
    assertEquals(List.of(
        "service[0] \"bad_name!\" validation failed: 3 error(s) occurred:\n\n"
            + "* service name must be valid per RFC 1123 and can contain only alphanumeric characters or dashes: "
            + "\"bad_name!\"\n"
            + "* service address_mode must be \"auto\", \"host\", or \"driver\"; not \"weird\"\n"
            + "* check c1 invalid: http type must have a relative http path",
        "service \"web\" is duplicate",
        "check \"c2\" is duplicate",
        "port label \"admin\" referenced by services web does not exist"),
        serviceErrors("""
            {"Name": "bad_name!", "PortLabel": "http", "AddressMode": "weird",
             "Checks": [{"Name": "c1", "Type": "http", "Path": "http://x/health", "Interval": 1000000000,
                         "Timeout": 1000000000}]},
            {"Name": "web", "PortLabel": "admin"},
            {"Name": "web", "PortLabel": "admin", "Checks": [%1$s, %1$s]}
            """.formatted("""
            {"Name": "c2", "Type": "tcp", "Interval": 1000000000, "Timeout": 1000000000}""")));
  }

  @Test
  void checkPortRules() throws Exception {
    assertEquals(List.of(
        "service[0] \"api\" validation failed: 1 error(s) occurred:\n\n"
            + "* check c1 invalid: check requires a port but neither check nor service \"api\" have a port",
        "check \"c1\" is missing a port",
        "check \"c2\" cannot use a numeric port 8080 without setting address_mode=\"driver\"",
        "check \"c3\" has invalid numeric port -1"),
        serviceErrors("""
            {"Name": "api", "Checks": [
              {"Name": "c1", "Type": "tcp", "Interval": 1000000000, "Timeout": 1000000000},
              {"Name": "c2", "Type": "tcp", "PortLabel": "8080", "Interval": 1000000000, "Timeout": 1000000000},
              {"Name": "c3", "Type": "tcp", "PortLabel": "-1", "AddressMode": "driver", "Interval": 1000000000,
               "Timeout": 1000000000},
              {"Name": "c4", "Type": "grpc", "PortLabel": "http", "Interval": 1000000000, "Timeout": 1000000000},
              {"Name": "c5", "Type": "script", "Command": "/bin/check", "Interval": 1000000000,
               "Timeout": 1000000000}]},
            {"Name": "numeric", "PortLabel": "9000", "AddressMode": "driver"}
            """));
  }

  @Test
  void checkFieldRules() throws Exception {
    List<String> errors = serviceErrors("""
        {"Name": "svc", "PortLabel": "http", "Checks": [
          {"Name": "a", "Type": "script"},
          {"Name": "b", "Type": "foo"},
          {"Name": "c", "Type": "tcp"},
          {"Name": "d", "Type": "tcp", "Interval": 500000000},
          {"Name": "e", "Type": "tcp", "Interval": 1000000000, "Timeout": 100000000},
          {"Name": "f", "Type": "tcp", "Interval": 1000000000},
          {"Name": "g", "Type": "tcp", "Interval": 1000000000, "Timeout": 1000000000, "InitialStatus": "bogus"},
          {"Name": "h", "Type": "tcp", "Interval": 1000000000, "Timeout": 1000000000, "AddressMode": "auto"},
          {"Name": "i", "Type": "tcp", "Interval": 1000000000, "Timeout": 1000000000, "AddressMode": "nat"},
          {"Name": "j", "Type": "tcp", "Interval": 1000000000, "Timeout": 1000000000,
           "CheckRestart": {"Limit": -1, "Grace": -5}},
          {"Name": "k", "Type": "http", "Path": "%zz", "Interval": 1000000000, "Timeout": 1000000000},
          {"Name": "l", "Type": "HTTP", "Path": "/health?x=%zz", "Interval": 1000000000, "Timeout": 1000000000}]}
        """);
    assertEquals(List.of("service[0] \"svc\" validation failed: 11 error(s) occurred:\n\n"
        + "* check a invalid: script type must have a valid script path\n"
        + "* check b invalid: invalid type (\"foo\"), must be one of \"http\", \"tcp\", or \"script\" type\n"
        + "* check c invalid: missing required value interval. Interval cannot be less than 1s\n"
        + "* check d invalid: interval (500ms) cannot be lower than 1s\n"
        + "* check e invalid: timeout (100ms) is lower than required minimum timeout 1s\n"
        + "* check f invalid: missing required value timeout. Timeout cannot be less than 1s\n"
        + "* check g invalid: invalid initial check state (bogus), must be one of \"passing\", \"warning\", "
        + "\"critical\" or empty\n"
        + "* check h invalid: invalid address_mode \"auto\" - auto only valid for services\n"
        + "* check i invalid: invalid address_mode \"nat\"\n"
        + "* check j invalid: 2 error(s) occurred:\n\n"
        + "* limit must be greater than or equal to 0 but found -1\n"
        + "* grace period must be greater than or equal to 0 but found -5\n"
        + "* check k invalid: http type must have a valid http path"), errors);
  }

  /** {@code validateServices} of a task with one dynamic port labelled {@code http}. */
  private static List<String> serviceErrors(String services) throws Exception {
    Job job = JobCanonicalizer.canonicalize(JobCanonicalizerTest.parse("""
        {"ID": "j", "TaskGroups": [{"Name": "g", "Tasks": [{"Name": "t", "Driver": "exec",
          "Resources": {"Networks": [{"DynamicPorts": [{"Label": "http"}]}]}, "Services": [%s]}]}]}
        """.formatted(services)));
    return ServiceValidator.validateServices(job.taskGroups().get(0).tasks().get(0));
  }

  @Test
  void serviceErrorsNestInTheTaskList() throws Exception {
    assertEquals(List.of("1 error(s) occurred:\n\n* port label \"admin\" referenced by services web does not exist"),
        taskErrors("""
            {"Name": "t", "Driver": "exec", "Services": [{"Name": "web", "PortLabel": "admin"}]}"""));
  }

  @Test
  void artifactChecks() throws Exception {
    assertEquals(List.of(
        "Artifact 1 validation failed: 3 error(s) occurred:\n\n* source must be specified\n"
            + "* invalid artifact mode \"bogus\"; must be one of: any, file, dir\n"
            + "* destination escapes allocation directory",
        "Artifact 3 validation failed: 1 error(s) occurred:\n\n* invalid checksum: encoding/hex: odd length hex string",
        "Artifact 4 validation failed: 1 error(s) occurred:\n\n"
            + "* invalid checksum: encoding/hex: invalid byte: U+007A 'z'",
        "Artifact 5 validation failed: 1 error(s) occurred:\n\n* unsupported checksum type: crc",
        "Artifact 6 validation failed: 1 error(s) occurred:\n\n* invalid md5 checksum: 00",
        "Artifact 7 validation failed: 1 error(s) occurred:\n\n"
            + "* checksum must be given as \"type:value\"; got \"nocolon\"",
        "Artifact 8 validation failed: 1 error(s) occurred:\n\n* checksum value cannot be empty"),
        taskErrors("""
            {"Name": "t", "Driver": "exec", "Artifacts": [
              {"GetterSource": "", "GetterMode": "bogus", "RelativeDest": "../../x"},
              {"GetterSource": "s", "RelativeDest": "../x",
               "GetterOptions": {"checksum": "md5:d41d8cd98f00b204e9800998ecf8427e"}},
              {"GetterSource": "s", "GetterOptions": {"checksum": "md5:abc"}},
              {"GetterSource": "s", "GetterOptions": {"checksum": "md5:zz"}},
              {"GetterSource": "s", "GetterOptions": {"checksum": "crc:00"}},
              {"GetterSource": "s", "GetterOptions": {"checksum": "md5:00"}},
              {"GetterSource": "s", "GetterOptions": {"checksum": "nocolon"}},
              {"GetterSource": "s", "GetterOptions": {"checksum": " "}}]}
            """));
  }

  @Test
  void vaultTemplateAndDispatchPayloadChecks() throws Exception {
    assertEquals(List.of(
        "Vault validation failed: 2 error(s) occurred:\n\n* Can not specify \"root\" policy\n"
            + "* Signal must be specified when using change mode \"signal\"",
        "Template 1 validation failed: 6 error(s) occurred:\n\n"
            + "* Must specify a source path or have an embedded template\n"
            + "* destination escapes allocation directory\n"
            + "* Invalid change mode. Must be one of the following: noop, signal, restart\n"
            + "* Must specify positive splay value\n"
            + "* Failed to parse \"999\" as octal: strconv.ParseUint: parsing \"999\": invalid syntax\n"
            + "* Vault grace must be greater than zero: -1ns < 0",
        "Template 2 validation failed: 4 error(s) occurred:\n\n"
            + "* destination escapes allocation directory\n"
            + "* Must specify signal value when change mode is signal\n"
            + "* cannot use signals with env var templates\n"
            + "* Failed to parse \"17777\" as octal: strconv.ParseUint: parsing \"17777\": value out of range",
        "Template 2 has same destination as 1",
        "Template 3 validation failed: 1 error(s) occurred:\n\n* Must specify a destination for the template",
        "Dispatch Payload validation failed: destination escapes allocation directory"),
        taskErrors("""
            {"Name": "t", "Driver": "exec",
             "Vault": {"Policies": ["root"], "ChangeMode": "signal", "ChangeSignal": ""},
             "Templates": [
               {"DestPath": "../../etc", "ChangeMode": "bogus", "Splay": -1, "Perms": "999", "VaultGrace": -1},
               {"EmbeddedTmpl": "x", "DestPath": "../../etc", "ChangeMode": "signal", "ChangeSignal": "",
                "Envvars": true, "Perms": "17777"},
               {"SourcePath": "local/in.tpl"}],
             "DispatchPayload": {"File": "../../../x"}}
            """));
    assertEquals(List.of("Vault validation failed: 2 error(s) occurred:\n\n* Policy list cannot be empty\n"
        + "* Unknown change mode \"bogus\""), taskErrors("""
            {"Name": "t", "Driver": "exec", "Vault": {"ChangeMode": "bogus"}, "DispatchPayload": {"File": "in/x"}}"""));
  }
}
