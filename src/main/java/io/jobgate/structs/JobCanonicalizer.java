package io.jobgate.structs;

import static io.jobgate.structs.GoDuration.HOUR;
import static io.jobgate.structs.GoDuration.MINUTE;
import static io.jobgate.structs.GoDuration.SECOND;
import static io.jobgate.structs.Nulls.bool;
import static io.jobgate.structs.Nulls.emptyToNull;
import static io.jobgate.structs.Nulls.mapList;
import static io.jobgate.structs.Nulls.num;
import static io.jobgate.structs.Nulls.or;
import static io.jobgate.structs.Nulls.str;

import java.util.List;

/**
 * Turns a submitted job into the job as Nomad stores it (spec §4): the agent's phase A (the
 * {@code api} package's {@code Canonicalize} plus its conversion to the server struct) and the
 * server's phase B ({@code structs} {@code Canonicalize} and the implicit constraints) in one pass.
 *
 * <p>Total by design: odd input is carried through (or zero-filled) for {@link JobValidator} to
 * report, never rejected here.
 */
public final class JobCanonicalizer {

  static final String DEFAULT_NAMESPACE = "default";
  static final String DEFAULT_REGION = "global";
  static final int DEFAULT_PRIORITY = 50;

  /** §4.3. */
  static final UpdateStrategy DEFAULT_UPDATE =
      new UpdateStrategy(30 * SECOND, 1, "checks", 10 * SECOND, 5 * MINUTE, 10 * MINUTE, false, 0);

  /** §4.2 restart defaults: service and system share one, everything else gets batch's. */
  static final RestartPolicy SERVICE_RESTART = new RestartPolicy(2, 30 * MINUTE, 15 * SECOND, "fail");
  static final RestartPolicy BATCH_RESTART = new RestartPolicy(3, 24 * HOUR, 15 * SECOND, "fail");

  /** §4.2 reschedule defaults. System jobs get none; a user-supplied one is zero-filled. */
  static final ReschedulePolicy SERVICE_RESCHEDULE =
      new ReschedulePolicy(0, 0L, 30 * SECOND, "exponential", HOUR, true);
  static final ReschedulePolicy BATCH_RESCHEDULE =
      new ReschedulePolicy(1, 24 * HOUR, 5 * SECOND, "constant", 0L, false);
  static final ReschedulePolicy ZERO_RESCHEDULE = new ReschedulePolicy(0, 0L, 0L, "", 0L, false);

  /** §4.2: every service group has a migrate strategy. */
  static final MigrateStrategy DEFAULT_MIGRATE = new MigrateStrategy(1, "checks", 10 * SECOND, 5 * MINUTE);

  private JobCanonicalizer() {
  }

  /**
   * The stored form of {@code submitted}: defaults filled, read-only fields and the Vault token the
   * client sent dropped, bookkeeping fields (status, version, indexes) left null for the store.
   */
  public static Job canonicalize(Job submitted) {
    String id = str(submitted.id());
    // Phase A only defaults a null name; an explicit "" stays and fails validation (§4.1).
    String name = or(submitted.name(), id);
    String type = or(submitted.type(), Job.TYPE_SERVICE);
    // Phase A defaults null, phase B defaults "" as well.
    String namespace = submitted.namespace() == null || submitted.namespace().isEmpty()
        ? DEFAULT_NAMESPACE : submitted.namespace();
    UpdateStrategy jobUpdate = submitted.update() == null ? null : fillUpdate(submitted.update());
    Scope scope = new Scope(name, type, jobUpdate, submitted.reschedule(), submitted.migrate());
    List<TaskGroup> groups = mapList(submitted.taskGroups(), tg -> canonicalizeGroup(tg, scope));
    return new Job(
        bool(submitted.stop()),
        or(submitted.region(), DEFAULT_REGION),
        namespace,
        id,
        str(submitted.parentId()),
        name,
        type,
        or(submitted.priority(), DEFAULT_PRIORITY),
        bool(submitted.allAtOnce()),
        Nulls.strings(submitted.datacenters()),
        constraints(submitted.constraints()),
        ImplicitConstraints.add(groups),
        jobLevelUpdate(jobUpdate),
        periodic(submitted.periodic()),
        parameterized(submitted.parameterizedJob()),
        // Dispatched is never copied from a request (§5.6): only dispatch sets it.
        false,
        submitted.payload(),
        emptyToNull(submitted.meta()),
        // Never stored (§4.1, §6 step 7); clearing it here also keeps it out of the spec comparison
        // (§6 step 8). A Vault policy check (§6 step 6) reads it from the submitted job.
        "",
        null, null, null, null, null, null, null, null,
        null, null);
  }

  /** What group canonicalisation needs from the job. */
  private record Scope(String jobName, String type, UpdateStrategy update, ReschedulePolicy reschedule,
      MigrateStrategy migrate) {
  }

  /**
   * Job-level Update is a value, not a pointer: only the legacy Stagger/MaxParallel survive the
   * agent's conversion, and a job without one reports all zeros (§3.1, §4.1).
   */
  private static UpdateStrategy jobLevelUpdate(UpdateStrategy filled) {
    if (filled == null) {
      return UpdateStrategy.ZERO;
    }
    return new UpdateStrategy(filled.stagger(), filled.maxParallel(), "", 0L, 0L, 0L, false, 0);
  }

  private static PeriodicConfig periodic(PeriodicConfig p) {
    if (p == null) {
      return null;
    }
    String tz = p.timeZone() == null || p.timeZone().isEmpty() ? "UTC" : p.timeZone();
    return new PeriodicConfig(or(p.enabled(), true), str(p.spec()), or(p.specType(), PeriodicConfig.SPEC_CRON),
        bool(p.prohibitOverlap()), tz);
  }

  private static ParameterizedJobConfig parameterized(ParameterizedJobConfig p) {
    if (p == null) {
      return null;
    }
    String payload = p.payload() == null || p.payload().isEmpty()
        ? ParameterizedJobConfig.PAYLOAD_OPTIONAL : p.payload();
    return new ParameterizedJobConfig(payload, Nulls.strings(p.metaRequired()), Nulls.strings(p.metaOptional()));
  }

  static List<Constraint> constraints(List<Constraint> in) {
    return mapList(in, c -> c == null
        ? new Constraint("", "", "")
        : new Constraint(str(c.lTarget()), str(c.rTarget()), str(c.operand())));
  }

  private static TaskGroup canonicalizeGroup(TaskGroup in, Scope scope) {
    TaskGroup tg = in == null ? new TaskGroup(null, null, null, null, null, null, null, null, null, null) : in;
    String groupName = str(tg.name());
    return new TaskGroup(
        groupName,
        or(tg.count(), 1),
        groupUpdate(scope.update(), tg.update()),
        groupMigrate(scope, tg.migrate()),
        constraints(tg.constraints()),
        restartPolicy(scope.type(), tg.restartPolicy()),
        mapList(tg.tasks(), t -> TaskCanonicalizer.canonicalize(t, scope.jobName(), groupName)),
        ephemeralDisk(tg.ephemeralDisk()),
        emptyToNull(tg.meta()),
        reschedulePolicy(scope, tg.reschedulePolicy()));
  }

  /**
   * §4.2: the job's (already defaulted) update overlaid with the group's set fields; a group
   * without one inherits the job's unless the job's is all zeros (the api package's
   * {@code Empty()}).
   */
  private static UpdateStrategy groupUpdate(UpdateStrategy jobUpdate, UpdateStrategy groupUpdate) {
    if (jobUpdate != null && groupUpdate != null) {
      return fillUpdate(overlay(jobUpdate, groupUpdate));
    }
    if (jobUpdate != null) {
      return isEmpty(jobUpdate) ? null : jobUpdate;
    }
    return groupUpdate == null ? null : fillUpdate(groupUpdate);
  }

  private static boolean isEmpty(UpdateStrategy u) {
    return num(u.stagger()) == 0 && num(u.maxParallel()) == 0 && str(u.healthCheck()).isEmpty()
        && num(u.minHealthyTime()) == 0 && num(u.healthyDeadline()) == 0 && num(u.progressDeadline()) == 0
        && !bool(u.autoRevert()) && num(u.canary()) == 0;
  }

  private static UpdateStrategy overlay(UpdateStrategy base, UpdateStrategy top) {
    return new UpdateStrategy(
        or(top.stagger(), base.stagger()),
        or(top.maxParallel(), base.maxParallel()),
        or(top.healthCheck(), base.healthCheck()),
        or(top.minHealthyTime(), base.minHealthyTime()),
        or(top.healthyDeadline(), base.healthyDeadline()),
        or(top.progressDeadline(), base.progressDeadline()),
        or(top.autoRevert(), base.autoRevert()),
        or(top.canary(), base.canary()));
  }

  private static UpdateStrategy fillUpdate(UpdateStrategy u) {
    return overlay(DEFAULT_UPDATE, u);
  }

  private static ReschedulePolicy reschedulePolicy(Scope scope, ReschedulePolicy group) {
    ReschedulePolicy merged = overlay(scope.reschedule(), group);
    ReschedulePolicy defaults = switch (scope.type()) {
      case Job.TYPE_SERVICE -> SERVICE_RESCHEDULE;
      case Job.TYPE_BATCH -> BATCH_RESCHEDULE;
      default -> null;
    };
    if (merged == null) {
      // System jobs, and types Nomad does not know, get no policy unless the user gave one.
      return defaults;
    }
    return overlay(defaults == null ? ZERO_RESCHEDULE : defaults, merged);
  }

  private static ReschedulePolicy overlay(ReschedulePolicy base, ReschedulePolicy top) {
    if (base == null || top == null) {
      return base == null ? top : base;
    }
    return new ReschedulePolicy(
        or(top.attempts(), base.attempts()),
        or(top.interval(), base.interval()),
        or(top.delay(), base.delay()),
        or(top.delayFunction(), base.delayFunction()),
        or(top.maxDelay(), base.maxDelay()),
        or(top.unlimited(), base.unlimited()));
  }

  private static MigrateStrategy groupMigrate(Scope scope, MigrateStrategy group) {
    MigrateStrategy merged = overlay(scope.migrate(), group);
    if (Job.TYPE_SERVICE.equals(scope.type())) {
      return overlay(DEFAULT_MIGRATE, merged);
    }
    // Other types keep a user-supplied block (validation rejects it), zero-filled.
    return merged == null ? null : overlay(new MigrateStrategy(0, "", 0L, 0L), merged);
  }

  private static MigrateStrategy overlay(MigrateStrategy base, MigrateStrategy top) {
    if (base == null || top == null) {
      return base == null ? top : base;
    }
    return new MigrateStrategy(
        or(top.maxParallel(), base.maxParallel()),
        or(top.healthCheck(), base.healthCheck()),
        or(top.minHealthyTime(), base.minHealthyTime()),
        or(top.healthyDeadline(), base.healthyDeadline()));
  }

  private static RestartPolicy restartPolicy(String type, RestartPolicy group) {
    boolean serviceLike = Job.TYPE_SERVICE.equals(type) || Job.TYPE_SYSTEM.equals(type);
    RestartPolicy base = serviceLike ? SERVICE_RESTART : BATCH_RESTART;
    if (group == null) {
      return base;
    }
    return new RestartPolicy(
        or(group.attempts(), base.attempts()),
        or(group.interval(), base.interval()),
        or(group.delay(), base.delay()),
        or(group.mode(), base.mode()));
  }

  private static EphemeralDisk ephemeralDisk(EphemeralDisk d) {
    if (d == null) {
      return new EphemeralDisk(false, 300, false);
    }
    return new EphemeralDisk(bool(d.sticky()), or(d.sizeMB(), 300), bool(d.migrate()));
  }
}
