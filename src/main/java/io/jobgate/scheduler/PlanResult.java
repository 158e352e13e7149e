package io.jobgate.scheduler;

import io.jobgate.state.StateSnapshot;
import io.jobgate.structs.Allocation;
import java.util.List;
import java.util.Map;

/**
 * The part of a {@link Plan} a {@link Planner} committed, by node, as planned. {@code refreshed}
 * is non-null when some of the plan was refused because the state moved on: the scheduler retries
 * against it.
 */
public record PlanResult(Map<String, List<Allocation>> nodeUpdate, Map<String, List<Allocation>> nodeAllocation,
    StateSnapshot refreshed) {

  /** Whether everything the plan asked for was committed. */
  boolean fullCommit(Plan plan) {
    return count(nodeUpdate) == plan.stopsCount() && count(nodeAllocation) == plan.placements();
  }

  /** Progress for the retry limit: anything committed at all (Nomad's {@code progressMade}). */
  boolean progress() {
    return count(nodeUpdate) + count(nodeAllocation) > 0;
  }

  /** New allocations committed: never stored before the plan, so CreateIndex 0 as planned. */
  int placed() {
    int n = 0;
    for (List<Allocation> l : nodeAllocation.values()) {
      for (Allocation a : l) {
        if (a.createIndex() == 0) {
          n++;
        }
      }
    }
    return n;
  }

  /** Nomad's {@code adjustQueuedAllocations}: each new allocation committed is one fewer queued. */
  void dequeuePlaced(Map<String, Integer> queued) {
    for (List<Allocation> l : nodeAllocation.values()) {
      for (Allocation a : l) {
        if (a.createIndex() == 0 && queued.containsKey(a.taskGroup())) {
          queued.merge(a.taskGroup(), -1, Integer::sum);
        }
      }
    }
  }

  private static int count(Map<String, List<Allocation>> m) {
    int n = 0;
    for (List<Allocation> l : m.values()) {
      n += l.size();
    }
    return n;
  }
}
