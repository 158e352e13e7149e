package io.jobgate.scheduler;

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
 * Nomad's {@code tasksUpdated} (spec §15.4): whether an allocation of {@code a}'s group must be
 * replaced to run {@code b}'s, rather than updated in place.
 */
final class SpecChange {

  private SpecChange() {
  }

  static boolean destructive(Job a, Job b, String group) {
    TaskGroup ga = a.lookupTaskGroup(group);
    TaskGroup gb = b.lookupTaskGroup(group);
    if (ga == null || gb == null) {
      return true;
    }
    if (ga.tasks().size() != gb.tasks().size()) {
      return true;
    }
    if (!Objects.equals(ga.ephemeralDisk(), gb.ephemeralDisk())) {
      return true;
    }
    for (Task at : ga.tasks()) {
      Task bt = null;
      for (Task t : gb.tasks()) {
        if (t.name().equals(at.name())) {
          bt = t;
        }
      }
      if (bt == null) {
        return true;
      }
      if (!Objects.equals(at.driver(), bt.driver()) || !Objects.equals(at.user(), bt.user())
          || !Objects.equals(at.config(), bt.config()) || !Objects.equals(at.env(), bt.env())
          || !Objects.equals(at.artifacts(), bt.artifacts()) || !Objects.equals(at.vault(), bt.vault())
          || !Objects.equals(at.templates(), bt.templates())
          || !combinedMeta(a, ga, at).equals(combinedMeta(b, gb, bt))
          || resourcesChanged(at.resources(), bt.resources())) {
        return true;
      }
    }
    return false;
  }

  private static Map<String, String> combinedMeta(Job j, TaskGroup g, Task t) {
    Map<String, String> m = new HashMap<>();
    if (j.meta() != null) {
      m.putAll(j.meta());
    }
    if (g.meta() != null) {
      m.putAll(g.meta());
    }
    if (t.meta() != null) {
      m.putAll(t.meta());
    }
    return m;
  }

  private static boolean resourcesChanged(Resources a, Resources b) {
    if (!Objects.equals(a.cpu(), b.cpu()) || !Objects.equals(a.memoryMB(), b.memoryMB())
        || !Objects.equals(a.iops(), b.iops())) {
      return true;
    }
    List<NetworkResource> na = AllocResources.list(a.networks());
    List<NetworkResource> nb = AllocResources.list(b.networks());
    if (na.size() != nb.size()) {
      return true;
    }
    for (int i = 0; i < na.size(); i++) {
      NetworkResource x = na.get(i);
      NetworkResource y = nb.get(i);
      if (!Objects.equals(x.mbits(), y.mbits()) || !labels(x.dynamicPorts()).equals(labels(y.dynamicPorts()))
          || !Objects.equals(x.reservedPorts(), y.reservedPorts())) {
        return true;
      }
    }
    return false;
  }

  private static List<String> labels(List<Port> ports) {
    return AllocResources.list(ports).stream().map(Port::label).toList();
  }
}
