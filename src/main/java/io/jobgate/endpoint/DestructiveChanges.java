package io.jobgate.endpoint;

import io.jobgate.structs.Job;
import io.jobgate.structs.NetworkResource;
import io.jobgate.structs.Port;
import io.jobgate.structs.Resources;
import io.jobgate.structs.Task;
import io.jobgate.structs.TaskGroup;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether moving a group's allocation from one job version to another needs a new allocation
 * (Nomad's {@code tasksUpdated}, spec §15.4): tasks, ephemeral disk, a task's driver, user,
 * config, env, artifacts, vault, templates, combined meta, networks (count, bandwidth, port labels
 * and static values), CPU, memory or IOPS changed. Anything else is updated in place.
 */
final class DestructiveChanges {

  private DestructiveChanges() {
  }

  static boolean between(Job a, Job b, String group) {
    TaskGroup ga = a.lookupTaskGroup(group);
    TaskGroup gb = b.lookupTaskGroup(group);
    if (ga == null || gb == null) {
      return true;
    }
    List<Task> ta = ga.tasks() == null ? List.of() : ga.tasks();
    List<Task> tb = gb.tasks() == null ? List.of() : gb.tasks();
    if (ta.size() != tb.size() || !Objects.equals(ga.ephemeralDisk(), gb.ephemeralDisk())) {
      return true;
    }
    for (Task at : ta) {
      Task bt = tb.stream().filter(t -> Objects.equals(t.name(), at.name())).findFirst().orElse(null);
      if (bt == null || taskChanged(at, bt)
          || !combinedMeta(a, ga, at).equals(combinedMeta(b, gb, bt))
          || resourcesChanged(at.resources(), bt.resources())) {
        return true;
      }
    }
    return false;
  }

  private static boolean taskChanged(Task a, Task b) {
    return !Objects.equals(a.driver(), b.driver()) || !Objects.equals(a.user(), b.user())
        || !Objects.equals(a.config(), b.config()) || !Objects.equals(a.env(), b.env())
        || !Objects.equals(a.artifacts(), b.artifacts()) || !Objects.equals(a.vault(), b.vault())
        || !Objects.equals(a.templates(), b.templates());
  }

  /** Job meta, overlaid by the group's, overlaid by the task's. */
  private static Map<String, String> combinedMeta(Job job, TaskGroup group, Task task) {
    Map<String, String> meta = new HashMap<>();
    for (Map<String, String> m : List.of(orEmpty(job.meta()), orEmpty(group.meta()), orEmpty(task.meta()))) {
      meta.putAll(m);
    }
    return meta;
  }

  private static Map<String, String> orEmpty(Map<String, String> m) {
    return m == null ? Map.of() : m;
  }

  private static boolean resourcesChanged(Resources a, Resources b) {
    Resources ra = a == null ? new Resources(0, 0, 0, 0, null) : a;
    Resources rb = b == null ? new Resources(0, 0, 0, 0, null) : b;
    List<NetworkResource> na = ra.networks() == null ? List.of() : ra.networks();
    List<NetworkResource> nb = rb.networks() == null ? List.of() : rb.networks();
    if (na.size() != nb.size()) {
      return true;
    }
    for (int i = 0; i < na.size(); i++) {
      if (!Objects.equals(na.get(i).mbits(), nb.get(i).mbits()) || !ports(na.get(i)).equals(ports(nb.get(i)))) {
        return true;
      }
    }
    return !Objects.equals(ra.cpu(), rb.cpu()) || !Objects.equals(ra.memoryMB(), rb.memoryMB())
        || !Objects.equals(ra.iops(), rb.iops());
  }

  /** Labels to static values, dynamic ports as -1 (Nomad's {@code networkPortMap}). */
  private static Map<String, Integer> ports(NetworkResource n) {
    Map<String, Integer> out = new HashMap<>();
    for (Port p : n.reservedPorts() == null ? List.<Port>of() : n.reservedPorts()) {
      out.put(p.label(), p.value());
    }
    for (Port p : n.dynamicPorts() == null ? List.<Port>of() : n.dynamicPorts()) {
      out.put(p.label(), -1);
    }
    return out;
  }
}
