package io.jobgate.structs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Nomad's {@code Job.RequiredSignals()}: the signals each task needs its driver to deliver, keyed
 * by group name then task name like Nomad's maps (spec §4.5, §5.1).
 */
final class Signals {

  private Signals() {
  }

  static Map<String, Map<String, SortedSet<String>>> required(List<TaskGroup> groups) {
    Map<String, Map<String, SortedSet<String>>> byGroup = new LinkedHashMap<>();
    for (TaskGroup tg : Nulls.list(groups)) {
      for (Task task : Nulls.list(tg.tasks())) {
        SortedSet<String> signals = forTask(task);
        if (!signals.isEmpty()) {
          byGroup.computeIfAbsent(tg.name(), k -> new LinkedHashMap<>()).put(task.name(), signals);
        }
      }
    }
    return byGroup;
  }

  private static SortedSet<String> forTask(Task task) {
    SortedSet<String> signals = new TreeSet<>();
    Vault vault = task.vault();
    if (vault != null && "signal".equals(vault.changeMode())) {
      signals.add(Nulls.str(vault.changeSignal()));
    }
    if (!Nulls.str(task.killSignal()).isEmpty()) {
      signals.add(task.killSignal());
    }
    for (Template t : Nulls.list(task.templates())) {
      if ("signal".equals(t.changeMode())) {
        signals.add(Nulls.str(t.changeSignal()));
      }
    }
    return signals;
  }
}
