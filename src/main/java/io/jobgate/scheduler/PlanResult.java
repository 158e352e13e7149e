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

  private static int count(Map<String, List<Allocation>> m) {
    int n = 0;
    for (List<Allocation> l : m.values()) {
      n += l.size();
    }
    return n;
  }
}
