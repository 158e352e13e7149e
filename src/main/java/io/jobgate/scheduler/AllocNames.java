package io.jobgate.scheduler;

import io.jobgate.structs.Allocation;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Nomad's {@code allocNameIndex}: which {@code <job>.<group>[<i>]} names are taken, so new
 * placements reuse the lowest free indexes and scale-downs remove the highest (spec §13.3).
 */
final class AllocNames {

  private final String prefix;
  private final int count;
  private final BitSet used = new BitSet();

  AllocNames(String jobId, String group, int count, Collection<Allocation> taken) {
    this.prefix = jobId + "." + group + "[";
    this.count = count;
    for (Allocation a : taken) {
      int i = index(a.name());
      if (i >= 0) {
        used.set(i);
      }
    }
  }

  static String name(String jobId, String group, int i) {
    return jobId + "." + group + "[" + i + "]";
  }

  /** The index in {@code name}'s brackets, or -1. */
  static int index(String name) {
    int open = name == null ? -1 : name.lastIndexOf('[');
    if (open < 0 || !name.endsWith("]")) {
      return -1;
    }
    try {
      return Integer.parseInt(name.substring(open + 1, name.length() - 1));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private String nameOf(int i) {
    return prefix + i + "]";
  }

  /** The next {@code n} names: free indexes below count first, then overlapping ones from 0. */
  List<String> next(int n) {
    List<String> out = new ArrayList<>(n);
    for (int i = used.nextClearBit(0); i < count && out.size() < n; i = used.nextClearBit(i + 1)) {
      used.set(i);
      out.add(nameOf(i));
    }
    for (int i = 0; out.size() < n; i++) {
      used.set(i);
      out.add(nameOf(i));
    }
    return out;
  }

  /** Removes and returns the highest {@code n} used names. */
  Set<String> highest(int n) {
    Set<String> out = new HashSet<>();
    for (int i = used.length() - 1; i >= 0 && out.size() < n; i = used.previousSetBit(i - 1)) {
      used.clear(i);
      out.add(nameOf(i));
    }
    return out;
  }

  /**
   * Names for {@code n} canaries: first the names of allocations being destructively updated
   * (they are about to be replaced anyway), then free names; never a current canary's name.
   */
  List<String> nextCanaries(int n, Collection<Allocation> canaries, Collection<Allocation> destructive) {
    Set<String> existing = new HashSet<>();
    for (Allocation a : canaries) {
      existing.add(a.name());
    }
    Set<String> out = new LinkedHashSet<>();
    BitSet d = new BitSet();
    for (Allocation a : destructive) {
      int i = index(a.name());
      if (i >= 0) {
        d.set(i);
      }
    }
    for (int i = d.nextSetBit(0); i >= 0 && i < count && out.size() < n; i = d.nextSetBit(i + 1)) {
      if (!existing.contains(nameOf(i))) {
        used.set(i);
        out.add(nameOf(i));
      }
    }
    for (int i = used.nextClearBit(0); i < count && out.size() < n; i = used.nextClearBit(i + 1)) {
      if (!existing.contains(nameOf(i))) {
        used.set(i);
        out.add(nameOf(i));
      }
    }
    for (int i = 0; i < count + n && out.size() < n; i++) {
      if (!existing.contains(nameOf(i)) && !out.contains(nameOf(i))) {
        used.set(i);
        out.add(nameOf(i));
      }
    }
    return new ArrayList<>(out);
  }
}
