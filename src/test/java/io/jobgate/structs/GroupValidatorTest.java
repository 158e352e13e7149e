package io.jobgate.structs;

import static io.jobgate.structs.GoDuration.HOUR;
import static io.jobgate.structs.GoDuration.MINUTE;
import static io.jobgate.structs.GoDuration.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Task group checks and the policy blocks (spec §5.2). */
class GroupValidatorTest {

  static List<String> groupErrors(String json) throws Exception {
    Job job = JobCanonicalizer.canonicalize(JobCanonicalizerTest.parse(json));
    return GroupValidator.validate(job.taskGroups().get(0), job);
  }

  static final String TASK = JobValidatorTest.TASK;

  @Test
  void nestedRestartErrorsKeepNomadsNesting() throws Exception {
    ValidationResult r = JobValidatorTest.validate("""
        {"ID": "j", "Datacenters": ["dc1"], "TaskGroups": [{"Name": "g", "RestartPolicy": {"Mode": "never"},
          "Tasks": [%s]}]}
        """.formatted(TASK));
    assertEquals("""
        1 error(s) occurred:

        * Task group g validation failed: 1 error(s) occurred:

        * 1 error(s) occurred:

        * Unsupported restart mode: "never\"""", r.errorText());
  }

  @Test
  void groupFieldChecks() throws Exception {
    assertEquals(List.of(
        "Task group count can't be negative",
        "Missing tasks for task group",
        "Constraint 1 validation failed: 1 error(s) occurred:\n\n* Unknown constraint type \"near\"",
        "minimum DiskMB value is 10; got 5"),
        groupErrors("""
            {"ID": "j", "TaskGroups": [{"Name": "g", "Count": -1, "EphemeralDisk": {"SizeMB": 5},
              "Constraints": [{"LTarget": "a", "RTarget": "b", "Operand": "near"}]}]}
            """));
  }

  @Test
  void batchGroupsRejectUpdateAndMigrate() throws Exception {
    assertEquals(List.of(
        "Job type \"batch\" does not allow update block",
        "Job type \"batch\" does not allow migrate block"),
        groupErrors("""
            {"ID": "j", "Type": "batch", "TaskGroups": [{"Name": "g", "Update": {}, "Migrate": {},
              "Tasks": [%s]}]}
            """.formatted(TASK)));
    assertEquals(List.of("System jobs should not have a reschedule policy"), groupErrors("""
        {"ID": "j", "Type": "system", "TaskGroups": [{"Name": "g", "ReschedulePolicy": {}, "Tasks": [%s]}]}
        """.formatted(TASK)));
  }

  @Test
  void taskSetChecks() throws Exception {
    assertEquals(List.of(
        "Task 2 missing name",
        "Static port 80 already reserved by web:http",
        "Task 3 redefines 'web' from task 1",
        "Only one task may be marked as leader",
        "Task  validation failed: 1 error(s) occurred:\n\n* Missing task name"),
        groupErrors("""
            {"ID": "j", "TaskGroups": [{"Name": "g", "Tasks": [
              {"Name": "web", "Driver": "exec", "Leader": true,
               "Resources": {"Networks": [{"ReservedPorts": [{"Label": "http", "Value": 80}]}]}},
              {"Name": "", "Driver": "exec", "Leader": true,
               "Resources": {"Networks": [{"ReservedPorts": [{"Label": "admin", "Value": 80}]}]}},
              {"Name": "web", "Driver": "exec"}]}]}
            """));
  }

  @Test
  void restartPolicyChecks() {
    assertEquals(List.of(
        "Unsupported restart mode: \"bogus\"",
        "Restart policy \"bogus\" with 0 attempts is ambiguous",
        "Interval can not be less than 5s (got 1s)"),
        PolicyValidator.restart(new RestartPolicy(0, SECOND, 0L, "bogus")));
    assertEquals(List.of("Nomad can't restart the TaskGroup 10 times in an interval of 5m0s with a delay of 1m0s"),
        PolicyValidator.restart(new RestartPolicy(10, 5 * MINUTE, MINUTE, "delay")));
    assertEquals(List.of(), PolicyValidator.restart(JobCanonicalizer.SERVICE_RESTART));
    assertEquals(List.of(), PolicyValidator.restart(JobCanonicalizer.BATCH_RESTART));
  }

  @Test
  void reschedulePolicyChecks() {
    assertEquals(List.of(), PolicyValidator.reschedule(JobCanonicalizer.SERVICE_RESCHEDULE));
    assertEquals(List.of(), PolicyValidator.reschedule(JobCanonicalizer.BATCH_RESCHEDULE));
    assertEquals(List.of(), PolicyValidator.reschedule(new ReschedulePolicy(0, 0L, 0L, "bogus", 0L, false)),
        "a disabled policy is not checked");

    assertEquals(List.of(
        "Interval must be a non zero value if Attempts > 0",
        "Reschedule Policy with Attempts = 3, Interval = 0s, and Unlimited = true is ambiguous",
        "If Attempts >0, Unlimited cannot also be set to true",
        "Delay cannot be less than 5s (got 1s)",
        "Invalid delay function \"linear\", must be one of [\"constant\" \"exponential\" \"fibonacci\"]",
        "Max Delay cannot be less than 5s (got 1s)"),
        PolicyValidator.reschedule(new ReschedulePolicy(3, 0L, SECOND, "linear", SECOND, true)));

    assertEquals(List.of("Max Delay cannot be less than Delay 10s (got 6s)"),
        PolicyValidator.reschedule(new ReschedulePolicy(1, HOUR, 10 * SECOND, "exponential", 6 * SECOND, false)));
    assertEquals(List.of("Interval cannot be less than 15s (got 10s)"),
        PolicyValidator.reschedule(new ReschedulePolicy(1, 10 * SECOND, 5 * SECOND, "constant", 0L, false)));
  }

  @Test
  void rescheduleFeasibility() {
    assertEquals(List.of(
        "Nomad can only make 2 attempts in 1m0s with initial delay 30s and delay function \"constant\"",
        "Set the interval to at least 2m30s to accommodate 5 attempts"),
        PolicyValidator.reschedule(new ReschedulePolicy(5, MINUTE, 30 * SECOND, "constant", 0L, false)));
    assertEquals(List.of(
        "Nomad can only make 4 attempts in 1m0s with initial delay 5s, delay function \"exponential\", "
            + "and delay ceiling 20s",
        "Set the interval to at least 1m0s to accommodate 5 attempts"),
        PolicyValidator.reschedule(new ReschedulePolicy(5, MINUTE, 5 * SECOND, "exponential", 20 * SECOND, false)));
    assertEquals(List.of(
        "Nomad can only make 5 attempts in 25s with initial delay 5s, delay function \"fibonacci\", "
            + "and delay ceiling 10s",
        "Set the interval to at least 30s to accommodate 6 attempts"),
        PolicyValidator.reschedule(new ReschedulePolicy(6, 25 * SECOND, 5 * SECOND, "fibonacci", 10 * SECOND, false)));
    assertEquals(List.of(),
        PolicyValidator.reschedule(new ReschedulePolicy(6, 30 * SECOND, 5 * SECOND, "fibonacci", 10 * SECOND, false)));
    // Huge attempt counts are computed in closed form rather than walked; the total saturates.
    assertEquals(List.of(
        "Nomad can only make 360 attempts in 1h0m0s with initial delay 5s, delay function \"exponential\", "
            + "and delay ceiling 10s",
        "Set the interval to at least 2562047h47m16.854775807s to accommodate 2147483647 attempts"),
        PolicyValidator.reschedule(new ReschedulePolicy(Integer.MAX_VALUE, HOUR, 5 * SECOND, "exponential",
            10 * SECOND, false)));
  }

  @Test
  void updateStrategyChecks() {
    assertEquals(List.of(), PolicyValidator.update(JobCanonicalizer.DEFAULT_UPDATE));
    assertEquals(List.of(
        "Invalid health check given: \"bogus\"",
        "Max parallel can not be less than one: 0 < 1",
        "Canary count can not be less than zero: -1 < 0",
        "Minimum healthy time may not be less than zero: -1ns",
        "Healthy deadline must be greater than zero: 0s",
        "Progress deadline must be zero or greater: -1ns",
        "Healthy deadline must be less than progress deadline: 0s > -1ns",
        "Stagger must be greater than zero: 0s"),
        PolicyValidator.update(new UpdateStrategy(0L, 0, "bogus", -1L, 0L, -1L, false, -1)));
    assertEquals(List.of(
        "Minimum healthy time must be less than healthy deadline: 5m0s > 5m0s",
        "Healthy deadline must be less than progress deadline: 5m0s > 5m0s"),
        PolicyValidator.update(new UpdateStrategy(30 * SECOND, 1, "manual", 5 * MINUTE, 5 * MINUTE, 5 * MINUTE,
            true, 1)));
  }

  @Test
  void migrateStrategyChecks() {
    assertEquals(List.of(), PolicyValidator.migrate(JobCanonicalizer.DEFAULT_MIGRATE));
    assertEquals(List.of(
        "MaxParallel must be >= 0 but found -1",
        "MinHealthyTime is -1ns and must be >= 0",
        "HealthyDeadline is -2ns and must be >= 0",
        "MinHealthyTime must be less than HealthyDeadline"),
        PolicyValidator.migrate(new MigrateStrategy(-1, "", -1L, -2L)));
    assertEquals(List.of("Missing HealthCheck"), PolicyValidator.migrate(new MigrateStrategy(1, "", 0L, 0L)));
    assertEquals(List.of("Invalid HealthCheck: \"bad\""),
        PolicyValidator.migrate(new MigrateStrategy(0, "bad", 0L, 0L)));
  }
}
