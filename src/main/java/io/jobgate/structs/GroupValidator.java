package io.jobgate.structs;

import static io.jobgate.structs.GoFmt.q;
import static io.jobgate.structs.Nulls.bool;
import static io.jobgate.structs.Nulls.num;
import static io.jobgate.structs.Nulls.str;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Nomad's {@code TaskGroup.Validate} and {@code TaskGroup.Warnings} (spec §5.2, §5.5). */
final class GroupValidator {

  private GroupValidator() {
  }

  static List<String> validate(TaskGroup tg, Job job) {
    List<String> errors = new ArrayList<>();
    String name = str(tg.name());
    String type = str(job.type());
    if (name.isEmpty()) {
      errors.add("Missing task group name");
    }
    if (num(tg.count()) < 0) {
      errors.add("Task group count can't be negative");
    }
    if (Nulls.isEmpty(tg.tasks())) {
      errors.add("Missing tasks for task group");
    }
    errors.addAll(ConstraintValidator.validateAll(tg.constraints()));
    if (tg.restartPolicy() == null) {
      errors.add("Task Group " + name + " should have a restart policy");
    } else {
      MultiError.addNested(errors, PolicyValidator.restart(tg.restartPolicy()));
    }
    if (type.equals(Job.TYPE_SYSTEM)) {
      if (tg.reschedulePolicy() != null) {
        errors.add("System jobs should not have a reschedule policy");
      }
    } else if (tg.reschedulePolicy() == null) {
      // Reached by job types Nomad has no default policy for (e.g. an invalid type).
      errors.add("Task Group " + name + " should have a reschedule policy");
    } else {
      MultiError.addNested(errors, PolicyValidator.reschedule(tg.reschedulePolicy()));
    }
    if (tg.ephemeralDisk() == null) {
      errors.add("Task Group " + name + " should have an ephemeral disk object");
    } else if (num(tg.ephemeralDisk().sizeMB()) < 10) {
      errors.add("minimum DiskMB value is 10; got " + num(tg.ephemeralDisk().sizeMB()));
    }
    if (tg.update() != null) {
      if (!type.equals(Job.TYPE_SERVICE) && !type.equals(Job.TYPE_SYSTEM)) {
        errors.add("Job type " + q(type) + " does not allow update block");
      }
      MultiError.addNested(errors, PolicyValidator.update(tg.update()));
    }
    if (tg.migrate() != null) {
      if (type.equals(Job.TYPE_SERVICE)) {
        MultiError.addNested(errors, PolicyValidator.migrate(tg.migrate()));
      } else {
        errors.add("Job type " + q(type) + " does not allow migrate block");
      }
    }
    taskSet(Nulls.list(tg.tasks()), errors);
    for (Task task : Nulls.list(tg.tasks())) {
      List<String> inner = TaskValidator.validate(task, tg.ephemeralDisk());
      if (!inner.isEmpty()) {
        errors.add("Task " + str(task.name()) + " validation failed: " + MultiError.format(inner));
      }
    }
    return errors;
  }

  /** Task names unique and present, static ports unique across the group, at most one leader. */
  private static void taskSet(List<Task> tasks, List<String> errors) {
    Map<String, Integer> names = new HashMap<>();
    Map<Integer, String> staticPorts = new HashMap<>();
    int leaders = 0;
    for (int i = 0; i < tasks.size(); i++) {
      Task task = tasks.get(i);
      String name = str(task.name());
      if (name.isEmpty()) {
        errors.add("Task " + (i + 1) + " missing name");
      } else if (names.containsKey(name)) {
        errors.add("Task " + (i + 1) + " redefines '" + name + "' from task " + (names.get(name) + 1));
      } else {
        names.put(name, i);
      }
      if (bool(task.leader())) {
        leaders++;
      }
      if (task.resources() == null) {
        continue;
      }
      for (NetworkResource n : Nulls.list(task.resources().networks())) {
        for (Port p : Nulls.list(n.reservedPorts())) {
          String other = staticPorts.putIfAbsent(num(p.value()), name + ":" + str(p.label()));
          if (other != null) {
            errors.add("Static port " + num(p.value()) + " already reserved by " + other);
          }
        }
      }
    }
    if (leaders > 1) {
      errors.add("Only one task may be marked as leader");
    }
  }

  /** A group's warnings: an update that may replace more allocations at once than the group has. */
  static List<String> warnings(TaskGroup tg) {
    List<String> warnings = new ArrayList<>();
    UpdateStrategy u = tg.update();
    if (u != null && num(u.maxParallel()) > num(tg.count())) {
      warnings.add("Update max parallel count is greater than task group count (" + num(u.maxParallel()) + " > "
          + num(tg.count()) + "). A destructive change would result in the simultaneous replacement of all "
          + "allocations.");
    }
    return warnings;
  }
}
