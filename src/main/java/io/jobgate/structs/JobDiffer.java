package io.jobgate.structs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Nomad 0.8's {@code Job.Diff(other, contextual=true)} (spec §12.2), which both plan and
 * {@code versions?diffs=true} use: which fields and nested objects changed, with unchanged fields
 * of a changed object listed as None. Field lists, names, matching rules and sort orders follow
 * {@code nomad/structs/diff.go}; objects appear in the order Nomad appends them.
 */
public final class JobDiffer {

  private JobDiffer() {
  }

  /**
   * The diff from {@code a} (older) to {@code b} (newer). A null {@code a} is a new job (Added), a
   * null {@code b} a removed one (Deleted).
   */
  public static JobDiff diff(Job a, Job b) {
    DiffType type = a == null ? DiffType.ADDED : b == null ? DiffType.DELETED : DiffType.NONE;
    String id = b != null ? b.id() : a.id();
    List<FieldDiff> fields = Diffs.fields(jobFields(a), jobFields(b), false);
    List<ObjectDiff> objects = new ArrayList<>();
    ObjectDiff datacenters = Diffs.stringSet("Datacenters", a == null ? null : a.datacenters(),
        b == null ? null : b.datacenters());
    if (datacenters != null && datacenters.type() != DiffType.NONE) {
      objects.add(datacenters);
    }
    objects.addAll(constraints(a == null ? null : a.constraints(), b == null ? null : b.constraints()));
    List<TaskGroupDiff> groups = groups(a == null ? null : a.taskGroups(), b == null ? null : b.taskGroups());
    Diffs.addIfPresent(objects, Diffs.primitiveObject("Periodic", periodic(a == null ? null : a.periodic()),
        periodic(b == null ? null : b.periodic())));
    Diffs.addIfPresent(objects, parameterized(a == null ? null : a.parameterizedJob(),
        b == null ? null : b.parameterizedJob()));
    if (type == DiffType.NONE && changed(fields, objects, groups)) {
      type = DiffType.EDITED;
    }
    return new JobDiff(type, id, fields, Diffs.nullIfEmpty(objects), groups);
  }

  /** The job has changed if anything below it did: Nomad ignores the bookkeeping fields here. */
  private static boolean changed(List<FieldDiff> fields, List<ObjectDiff> objects, List<TaskGroupDiff> groups) {
    return fields != null && fields.stream().anyMatch(f -> f.type() != DiffType.NONE)
        || objects.stream().anyMatch(o -> o.type() != DiffType.NONE)
        || groups != null && groups.stream().anyMatch(g -> g.type() != DiffType.NONE);
  }

  /** Job fields, without ID, Status, StatusDescription, Version, Stable, the indexes, Update, SubmitTime. */
  private static Map<String, String> jobFields(Job j) {
    if (j == null) {
      return null;
    }
    return DiffFields.of().bool("AllAtOnce", j.allAtOnce()).bool("Dispatched", j.dispatched())
        .map("Meta", j.meta()).str("Name", j.name()).str("Namespace", j.namespace()).str("ParentID", j.parentId())
        .num("Priority", j.priority()).str("Region", j.region()).bool("Stop", j.stop()).str("Type", j.type())
        .str("VaultToken", j.vaultToken()).build();
  }

  // ---------------------------------------------------------------- task groups

  private static List<TaskGroupDiff> groups(List<TaskGroup> olds, List<TaskGroup> news) {
    List<TaskGroupDiff> out = new ArrayList<>();
    for (String name : Diffs.keys(olds, news, TaskGroup::name)) {
      out.add(group(Diffs.byKey(olds, TaskGroup::name, name), Diffs.byKey(news, TaskGroup::name, name)));
    }
    out.sort(Comparator.comparing(TaskGroupDiff::name));
    return Diffs.nullIfEmpty(out);
  }

  private static TaskGroupDiff group(TaskGroup a, TaskGroup b) {
    DiffType type = a == null ? DiffType.ADDED : b == null ? DiffType.DELETED
        : a.equals(b) ? DiffType.NONE : DiffType.EDITED;
    String name = b != null ? b.name() : a.name();
    List<FieldDiff> fields = Diffs.fields(groupFields(a), groupFields(b), false);
    List<ObjectDiff> objects = new ArrayList<>(
        constraints(a == null ? null : a.constraints(), b == null ? null : b.constraints()));
    Diffs.addIfPresent(objects, Diffs.primitiveObject("RestartPolicy",
        restart(a == null ? null : a.restartPolicy()), restart(b == null ? null : b.restartPolicy())));
    Diffs.addIfPresent(objects, Diffs.primitiveObject("ReschedulePolicy",
        reschedule(a == null ? null : a.reschedulePolicy()), reschedule(b == null ? null : b.reschedulePolicy())));
    Diffs.addIfPresent(objects, Diffs.primitiveObject("EphemeralDisk",
        disk(a == null ? null : a.ephemeralDisk()), disk(b == null ? null : b.ephemeralDisk())));
    Diffs.addIfPresent(objects, Diffs.primitiveObject("Update",
        update(a == null ? null : a.update()), update(b == null ? null : b.update())));
    List<TaskDiff> tasks = tasks(a == null ? null : a.tasks(), b == null ? null : b.tasks());
    return new TaskGroupDiff(type, name, fields, Diffs.nullIfEmpty(objects), tasks, null);
  }

  private static Map<String, String> groupFields(TaskGroup g) {
    return g == null ? null : DiffFields.of().num("Count", g.count()).map("Meta", g.meta()).build();
  }

  // ---------------------------------------------------------------- tasks

  private static List<TaskDiff> tasks(List<Task> olds, List<Task> news) {
    List<TaskDiff> out = new ArrayList<>();
    for (String name : Diffs.keys(olds, news, Task::name)) {
      out.add(task(Diffs.byKey(olds, Task::name, name), Diffs.byKey(news, Task::name, name)));
    }
    out.sort(Comparator.comparing(TaskDiff::name));
    return Diffs.nullIfEmpty(out);
  }

  private static TaskDiff task(Task a, Task b) {
    DiffType type = a == null ? DiffType.ADDED : b == null ? DiffType.DELETED
        : a.equals(b) ? DiffType.NONE : DiffType.EDITED;
    String name = b != null ? b.name() : a.name();
    List<FieldDiff> fields = Diffs.fields(taskFields(a), taskFields(b), false);
    List<ObjectDiff> objects = new ArrayList<>(
        constraints(a == null ? null : a.constraints(), b == null ? null : b.constraints()));
    Diffs.addIfPresent(objects, config(a == null ? null : a.config(), b == null ? null : b.config()));
    Diffs.addIfPresent(objects, ResourcesDiff.diff(a == null ? null : a.resources(),
        b == null ? null : b.resources()));
    Diffs.addIfPresent(objects, Diffs.primitiveObject("LogConfig",
        logConfig(a == null ? null : a.logConfig()), logConfig(b == null ? null : b.logConfig())));
    Diffs.addIfPresent(objects, Diffs.primitiveObject("DispatchPayload",
        dispatchPayload(a == null ? null : a.dispatchPayload()), dispatchPayload(b == null ? null : b.dispatchPayload())));
    objects.addAll(Diffs.primitiveObjectSet("Artifact", a == null ? null : a.artifacts(),
        b == null ? null : b.artifacts(), JobDiffer::artifact));
    objects.addAll(ServicesDiff.diff(a == null ? null : a.services(), b == null ? null : b.services()));
    Diffs.addIfPresent(objects, vault(a == null ? null : a.vault(), b == null ? null : b.vault()));
    objects.addAll(Diffs.primitiveObjectSet("Template", a == null ? null : a.templates(),
        b == null ? null : b.templates(), JobDiffer::template));
    return new TaskDiff(type, name, fields, Diffs.nullIfEmpty(objects), null);
  }

  /** Task fields, without Name and Config (the config is diffed as an object). */
  private static Map<String, String> taskFields(Task t) {
    if (t == null) {
      return null;
    }
    return DiffFields.of().str("Driver", t.driver()).str("User", t.user()).map("Env", t.env())
        .map("Meta", t.meta()).num("KillTimeout", t.killTimeout()).bool("Leader", t.leader())
        .num("ShutdownDelay", t.shutdownDelay()).str("KillSignal", t.killSignal()).build();
  }

  /** The driver config, flattened whole ({@code port_map[0][db]}). */
  private static ObjectDiff config(Map<String, Object> a, Map<String, Object> b) {
    if (Objects.equals(a, b)) {
      return null;
    }
    DiffType type = a == null || a.isEmpty() ? DiffType.ADDED : b == null || b.isEmpty() ? DiffType.DELETED
        : DiffType.EDITED;
    return new ObjectDiff(type, "Config", Diffs.fields(DiffFields.any(a), DiffFields.any(b), true), null);
  }

  private static ObjectDiff vault(Vault a, Vault b) {
    if (Objects.equals(a, b)) {
      return null;
    }
    DiffType type = a == null ? DiffType.ADDED : b == null ? DiffType.DELETED : DiffType.EDITED;
    List<ObjectDiff> objects = new ArrayList<>();
    Diffs.addIfPresent(objects, Diffs.stringSet("Policies", a == null ? null : a.policies(),
        b == null ? null : b.policies()));
    return new ObjectDiff(type, "Vault", Diffs.fields(vaultFields(a), vaultFields(b), true),
        Diffs.nullIfEmpty(objects));
  }

  // ---------------------------------------------------------------- shared objects

  /** Constraints are a set: an edited one is a Deleted plus an Added object. */
  private static List<ObjectDiff> constraints(List<Constraint> a, List<Constraint> b) {
    return Diffs.primitiveObjectSet("Constraint", a, b,
        c -> DiffFields.of().str("LTarget", c.lTarget()).str("RTarget", c.rTarget()).str("Operand", c.operand())
            .build());
  }

  private static ObjectDiff parameterized(ParameterizedJobConfig a, ParameterizedJobConfig b) {
    if (Objects.equals(a, b)) {
      return null;
    }
    DiffType type = a == null ? DiffType.ADDED : b == null ? DiffType.DELETED : DiffType.EDITED;
    List<FieldDiff> fields = Diffs.fields(a == null ? null : DiffFields.of().str("Payload", a.payload()).build(),
        b == null ? null : DiffFields.of().str("Payload", b.payload()).build(), true);
    List<ObjectDiff> objects = new ArrayList<>();
    Diffs.addIfPresent(objects, Diffs.stringSet("MetaOptional", a == null ? null : a.metaOptional(),
        b == null ? null : b.metaOptional()));
    Diffs.addIfPresent(objects, Diffs.stringSet("MetaRequired", a == null ? null : a.metaRequired(),
        b == null ? null : b.metaRequired()));
    return new ObjectDiff(type, "ParameterizedJob", fields, Diffs.nullIfEmpty(objects));
  }

  private static Map<String, String> periodic(PeriodicConfig p) {
    return p == null ? null : DiffFields.of().bool("Enabled", p.enabled()).str("Spec", p.spec())
        .str("SpecType", p.specType()).bool("ProhibitOverlap", p.prohibitOverlap()).str("TimeZone", p.timeZone())
        .build();
  }

  private static Map<String, String> restart(RestartPolicy r) {
    return r == null ? null : DiffFields.of().num("Attempts", r.attempts()).num("Interval", r.interval())
        .num("Delay", r.delay()).str("Mode", r.mode()).build();
  }

  private static Map<String, String> reschedule(ReschedulePolicy r) {
    return r == null ? null : DiffFields.of().num("Attempts", r.attempts()).num("Interval", r.interval())
        .num("Delay", r.delay()).str("DelayFunction", r.delayFunction()).num("MaxDelay", r.maxDelay())
        .bool("Unlimited", r.unlimited()).build();
  }

  private static Map<String, String> disk(EphemeralDisk d) {
    return d == null ? null : DiffFields.of().bool("Sticky", d.sticky()).num("SizeMB", d.sizeMB())
        .bool("Migrate", d.migrate()).build();
  }

  /** A group's update strategy without {@code Stagger}, which Nomad leaves out of diffs. */
  private static Map<String, String> update(UpdateStrategy u) {
    return u == null ? null : DiffFields.of().num("MaxParallel", u.maxParallel()).str("HealthCheck", u.healthCheck())
        .num("MinHealthyTime", u.minHealthyTime()).num("HealthyDeadline", u.healthyDeadline())
        .num("ProgressDeadline", u.progressDeadline()).bool("AutoRevert", u.autoRevert())
        .num("Canary", u.canary()).build();
  }

  private static Map<String, String> logConfig(LogConfig l) {
    return l == null ? null : DiffFields.of().num("MaxFiles", l.maxFiles()).num("MaxFileSizeMB", l.maxFileSizeMB())
        .build();
  }

  private static Map<String, String> dispatchPayload(DispatchPayloadConfig d) {
    return d == null ? null : DiffFields.of().str("File", d.file()).build();
  }

  private static Map<String, String> artifact(TaskArtifact a) {
    return DiffFields.of().str("GetterSource", a.getterSource()).map("GetterOptions", a.getterOptions())
        .str("GetterMode", a.getterMode()).str("RelativeDest", a.relativeDest()).build();
  }

  private static Map<String, String> vaultFields(Vault v) {
    return v == null ? null : DiffFields.of().bool("Env", v.env()).str("ChangeMode", v.changeMode())
        .str("ChangeSignal", v.changeSignal()).build();
  }

  private static Map<String, String> template(Template t) {
    return DiffFields.of().str("SourcePath", t.sourcePath()).str("DestPath", t.destPath())
        .str("EmbeddedTmpl", t.embeddedTmpl()).str("ChangeMode", t.changeMode()).str("ChangeSignal", t.changeSignal())
        .num("Splay", t.splay()).str("Perms", t.perms()).str("LeftDelim", t.leftDelim())
        .str("RightDelim", t.rightDelim()).bool("Envvars", t.envvars()).num("VaultGrace", t.vaultGrace()).build();
  }
}
