package io.jobgate.structs;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Constraints the server adds to groups before validation (spec §4.5): a Vault version floor for
 * groups using Vault and a {@code set_contains} on the node's signals for groups needing signals.
 * Neither is added twice.
 */
final class ImplicitConstraints {

  static final Constraint VAULT = new Constraint("${attr.vault.version}", ">= 0.6.1", "version");

  private ImplicitConstraints() {
  }

  static List<TaskGroup> add(List<TaskGroup> groups) {
    if (groups == null) {
      return null;
    }
    // Like Nomad, both lookups go by group name.
    Set<String> vaultGroups = new HashSet<>();
    groups.stream().filter(ImplicitConstraints::usesVault).forEach(tg -> vaultGroups.add(tg.name()));
    Map<String, Map<String, SortedSet<String>>> signals = Signals.required(groups);
    List<TaskGroup> out = new ArrayList<>(groups.size());
    for (TaskGroup tg : groups) {
      List<Constraint> constraints = tg.constraints() == null ? new ArrayList<>() : new ArrayList<>(tg.constraints());
      if (vaultGroups.contains(tg.name())) {
        addOnce(constraints, VAULT);
      }
      Map<String, SortedSet<String>> groupSignals = signals.get(tg.name());
      if (groupSignals != null) {
        SortedSet<String> all = new TreeSet<>();
        groupSignals.values().forEach(all::addAll);
        addOnce(constraints, new Constraint("${attr.os.signals}", String.join(",", all), "set_contains"));
      }
      out.add(new TaskGroup(tg.name(), tg.count(), tg.update(), tg.migrate(), Nulls.emptyToNull(constraints),
          tg.restartPolicy(), tg.tasks(), tg.ephemeralDisk(), tg.meta(), tg.reschedulePolicy()));
    }
    return out;
  }

  private static boolean usesVault(TaskGroup tg) {
    return Nulls.list(tg.tasks()).stream().anyMatch(t -> t.vault() != null);
  }

  private static void addOnce(List<Constraint> constraints, Constraint c) {
    if (!constraints.contains(c)) {
      constraints.add(c);
    }
  }
}
