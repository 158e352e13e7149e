package io.jobgate.structs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Nomad's plan annotations on a job diff (its {@code scheduler.Annotate}, spec §12.3): each group
 * gets the scheduler's non-zero counts in {@code Updates}, a changed {@code Count} says whether it
 * forces creates or destroys, and each changed task says what kind of update it forces. The task
 * annotation reads the diff only; what the scheduler will really do is in {@code Updates}.
 */
public final class DiffAnnotator {

  public static final String FORCES_CREATE = "forces create";
  public static final String FORCES_DESTROY = "forces destroy";
  public static final String FORCES_IN_PLACE = "forces in-place update";
  public static final String FORCES_DESTRUCTIVE = "forces create/destroy update";

  /** Task changes a client applies without replacing the allocation. */
  private static final Set<String> IN_PLACE_OBJECTS = Set.of("LogConfig", "Service", "Constraint");

  private DiffAnnotator() {
  }

  public static JobDiff annotate(JobDiff diff, PlanAnnotations annotations) {
    if (diff.taskGroups() == null) {
      return diff;
    }
    List<TaskGroupDiff> groups = new ArrayList<>();
    for (TaskGroupDiff g : diff.taskGroups()) {
      groups.add(group(g, annotations));
    }
    return new JobDiff(diff.type(), diff.id(), diff.fields(), diff.objects(), groups);
  }

  private static TaskGroupDiff group(TaskGroupDiff g, PlanAnnotations annotations) {
    Map<String, Long> updates = g.updates();
    DesiredUpdates desired = annotations == null || annotations.desiredTGUpdates() == null ? null
        : annotations.desiredTGUpdates().get(g.name());
    if (desired != null) {
      updates = new TreeMap<>();
      putNonZero(updates, "ignore", desired.ignore());
      putNonZero(updates, "create", desired.place());
      putNonZero(updates, "migrate", desired.migrate());
      putNonZero(updates, "destroy", desired.stop());
      putNonZero(updates, "canary", desired.canary());
      putNonZero(updates, "in-place update", desired.inPlaceUpdate());
      putNonZero(updates, "create/destroy update", desired.destructiveUpdate());
    }
    List<FieldDiff> fields = g.fields() == null ? null : new ArrayList<>(g.fields());
    if (fields != null) {
      fields.replaceAll(DiffAnnotator::count);
    }
    List<TaskDiff> tasks = null;
    if (g.tasks() != null) {
      tasks = new ArrayList<>();
      for (TaskDiff t : g.tasks()) {
        tasks.add(task(t, g.type()));
      }
    }
    return new TaskGroupDiff(g.type(), g.name(), fields, g.objects(), tasks, updates);
  }

  private static void putNonZero(Map<String, Long> updates, String key, long n) {
    if (n != 0) {
      updates.put(key, n);
    }
  }

  /** A higher count forces creates, a lower one destroys; an absent value counts as 0. */
  private static FieldDiff count(FieldDiff f) {
    if (!f.name().equals("Count")) {
      return f;
    }
    long before = f.oldValue().isEmpty() ? 0 : Long.parseLong(f.oldValue());
    long after = f.newValue().isEmpty() ? 0 : Long.parseLong(f.newValue());
    return before < after ? f.withAnnotation(FORCES_CREATE) : after < before ? f.withAnnotation(FORCES_DESTROY) : f;
  }

  private static TaskDiff task(TaskDiff t, DiffType groupType) {
    if (t.type() == DiffType.NONE) {
      return t;
    }
    String annotation;
    if ((groupType == DiffType.ADDED || groupType == DiffType.DELETED) && t.type() != DiffType.EDITED) {
      annotation = t.type() == DiffType.ADDED ? FORCES_CREATE : FORCES_DESTROY;
    } else {
      annotation = destructive(t) ? FORCES_DESTRUCTIVE : FORCES_IN_PLACE;
    }
    return new TaskDiff(t.type(), t.name(), t.fields(), t.objects(), List.of(annotation));
  }

  /** Any field but {@code KillTimeout}, or any object but logs, services and constraints. */
  private static boolean destructive(TaskDiff t) {
    if (t.fields() != null && t.fields().stream().anyMatch(f -> !f.name().equals("KillTimeout"))) {
      return true;
    }
    return t.objects() != null && t.objects().stream().anyMatch(o -> !IN_PLACE_OBJECTS.contains(o.name()));
  }
}
