package io.jobgate.structs;

import static io.jobgate.structs.GoFmt.q;
import static io.jobgate.structs.Nulls.num;
import static io.jobgate.structs.Nulls.str;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Validation of a canonical job (spec §5): Nomad's {@code Job.Validate} with the server's extra
 * checks ({@code validateJob}), the warnings, and the update-transition checks of §5.6.
 *
 * <p>Messages keep Nomad's order and nesting: a nested list is rendered in place with
 * {@link MultiError#format}, and the job's own list is flattened into the top level (§1.6).
 */
public final class JobValidator {

  private static final List<String> JOB_TYPES =
      List.of(Job.TYPE_CORE, Job.TYPE_SERVICE, Job.TYPE_BATCH, Job.TYPE_SYSTEM);
  private static final List<String> PAYLOAD_MODES = List.of(ParameterizedJobConfig.PAYLOAD_OPTIONAL,
      ParameterizedJobConfig.PAYLOAD_REQUIRED, ParameterizedJobConfig.PAYLOAD_FORBIDDEN);

  private JobValidator() {
  }

  /** Validates a job produced by {@link JobCanonicalizer#canonicalize}. */
  public static ValidationResult validate(Job job) {
    List<String> errors = jobErrors(job);
    errors.addAll(DriverValidator.validate(job));
    if (Job.TYPE_CORE.equals(job.type())) {
      errors.add("job type cannot be core");
    }
    if (job.payload() != null && job.payload().length != 0) {
      errors.add("job can't be submitted with a payload, only dispatched");
    }
    return new ValidationResult(errors, warnings(job));
  }

  /**
   * Register-time transition checks against the stored job (§5.6); {@code existing} is null for a
   * new job. Returns the error text, or null when the update is allowed.
   */
  public static String validateUpdate(Job existing, Job submitted) {
    if (existing == null) {
      return submitted.dispatchedChild() ? "job can't be submitted with 'Dispatched' set" : null;
    }
    if (!Objects.equals(existing.type(), submitted.type())) {
      return "cannot update job from type " + q(existing.type()) + " to " + q(submitted.type());
    }
    if (existing.periodicJob() && !submitted.periodicJob()) {
      return "cannot update periodic job to being non-periodic";
    }
    if (submitted.periodicJob() && !existing.periodicJob()) {
      return "cannot update non-periodic job to being periodic";
    }
    // Nomad 0.8 has these two texts swapped; reproduced as the spec requires.
    if (existing.parameterizedParent() && !submitted.parameterizedParent()) {
      return "cannot update non-parameterized job to being parameterized";
    }
    if (submitted.parameterizedParent() && !existing.parameterizedParent()) {
      return "cannot update parameterized job to being non-parameterized";
    }
    if (existing.dispatchedChild() != submitted.dispatchedChild()) {
      return "field 'Dispatched' is read-only";
    }
    return null;
  }

  /** Nomad's {@code Job.Validate}: job fields, groups, periodic and parameterized blocks. */
  private static List<String> jobErrors(Job job) {
    List<String> errors = new ArrayList<>();
    String type = str(job.type());
    if (str(job.region()).isEmpty()) {
      errors.add("Missing job region");
    }
    if (str(job.id()).isEmpty()) {
      errors.add("Missing job ID");
    } else if (job.id().contains(" ")) {
      errors.add("Job ID contains a space");
    }
    if (str(job.name()).isEmpty()) {
      errors.add("Missing job name");
    }
    if (str(job.namespace()).isEmpty()) {
      errors.add("Job must be in a namespace");
    }
    if (type.isEmpty()) {
      errors.add("Missing job type");
    } else if (!JOB_TYPES.contains(type)) {
      errors.add("Invalid job type: " + q(type));
    }
    if (num(job.priority()) < 1 || num(job.priority()) > 100) {
      errors.add("Job priority must be between [1, 100]");
    }
    if (Nulls.isEmpty(job.datacenters())) {
      errors.add("Missing job datacenters");
    }
    if (Nulls.isEmpty(job.taskGroups())) {
      errors.add("Missing job task groups");
    }
    errors.addAll(ConstraintValidator.validateAll(job.constraints()));
    List<TaskGroup> groups = Nulls.list(job.taskGroups());
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < groups.size(); i++) {
      TaskGroup tg = groups.get(i);
      String name = str(tg.name());
      if (name.isEmpty()) {
        errors.add("Job task group " + (i + 1) + " missing name");
      } else if (seen.containsKey(name)) {
        errors.add("Job task group " + (i + 1) + " redefines '" + name + "' from group " + (seen.get(name) + 1));
      } else {
        seen.put(name, i);
      }
      if (type.equals(Job.TYPE_SYSTEM) && num(tg.count()) > 1) {
        errors.add("Job task group " + name + " has count " + num(tg.count())
            + ". Count cannot exceed 1 with system scheduler");
      }
    }
    for (TaskGroup tg : groups) {
      List<String> inner = GroupValidator.validate(tg, job);
      if (!inner.isEmpty()) {
        errors.add("Task group " + str(tg.name()) + " validation failed: " + MultiError.format(inner));
      }
    }
    PeriodicConfig periodic = job.periodic();
    if (periodic != null && periodic.enabledOrFalse()) {
      if (!type.equals(Job.TYPE_BATCH)) {
        errors.add("Periodic can only be used with \"batch\" scheduler");
      }
      MultiError.addNested(errors, periodicErrors(periodic));
    }
    if (job.parameterizedParent()) {
      if (!type.equals(Job.TYPE_BATCH)) {
        errors.add("Parameterized job can only be used with \"batch\" scheduler");
      }
      MultiError.addNested(errors, parameterizedErrors(job.parameterizedJob()));
    }
    return errors;
  }

  private static List<String> periodicErrors(PeriodicConfig p) {
    List<String> errors = new ArrayList<>();
    String spec = str(p.spec());
    if (spec.isEmpty()) {
      errors.add("Must specify a spec");
    }
    String tz = str(p.timeZone());
    if (!tz.isEmpty()) {
      String err = timeZoneError(tz);
      if (err != null) {
        errors.add("Invalid time zone " + q(tz) + ": " + err);
      }
    }
    switch (str(p.specType())) {
      case PeriodicConfig.SPEC_CRON -> {
        try {
          CronSpec.parse(spec);
        } catch (IllegalArgumentException e) {
          errors.add("Invalid cron spec " + q(spec) + ": " + e.getMessage());
        }
      }
      case PeriodicConfig.SPEC_TEST -> {
      }
      default -> errors.add("Unknown periodic specification type " + q(str(p.specType())));
    }
    return errors;
  }

  /** Go's {@code time.LoadLocation} error for {@code tz}, or null when it names a zone. */
  private static String timeZoneError(String tz) {
    if (tz.equals("UTC") || tz.equals("Local")) {
      return null;
    }
    if (tz.contains("..") || tz.startsWith("/") || tz.startsWith("\\")) {
      return "time: invalid location name";
    }
    return ZoneId.getAvailableZoneIds().contains(tz) ? null : "unknown time zone " + tz;
  }

  private static List<String> parameterizedErrors(ParameterizedJobConfig p) {
    List<String> errors = new ArrayList<>();
    if (!PAYLOAD_MODES.contains(str(p.payload()))) {
      errors.add("Unknown payload requirement: " + q(str(p.payload())));
    }
    TreeSet<String> both = new TreeSet<>(Nulls.list(p.metaRequired()));
    both.retainAll(Nulls.list(p.metaOptional()));
    if (!both.isEmpty()) {
      errors.add("Required and optional meta keys should be disjoint. Following keys exist in both: "
          + GoFmt.list(both));
    }
    return errors;
  }

  /** Nomad's {@code Job.Warnings}: {@code Group "<g>" has warnings: <nested>} per group. */
  private static List<String> warnings(Job job) {
    List<String> warnings = new ArrayList<>();
    for (TaskGroup tg : Nulls.list(job.taskGroups())) {
      List<String> inner = GroupValidator.warnings(tg);
      if (!inner.isEmpty()) {
        warnings.add("Group " + q(str(tg.name())) + " has warnings: " + MultiError.format(inner));
      }
    }
    return warnings;
  }
}
