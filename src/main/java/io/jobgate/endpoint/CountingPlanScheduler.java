package io.jobgate.endpoint;

import io.jobgate.state.JobKey;
import io.jobgate.state.StateSnapshot;
import io.jobgate.structs.Allocation;
import io.jobgate.structs.DesiredUpdates;
import io.jobgate.structs.Evaluation;
import io.jobgate.structs.Job;
import io.jobgate.structs.TaskGroup;
import io.jobgate.structs.UpdateStrategy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A {@link PlanScheduler} that answers from the job and its allocations alone, with no view of
 * nodes or capacity: it models the reconciler's counts, not placement. Per group:
 * <ul>
 *   <li>{@code Place} = count minus the group's live allocations, {@code Stop} = the surplus; all
 *       live allocations stop when the job is stopped or the group removed;</li>
 *   <li>each kept allocation is ignored if it already runs this version (same JobModifyIndex),
 *       else needs a destructive update if its version differs in a way §15.4 names
 *       ({@link DestructiveChanges}), else an in-place update;</li>
 *   <li>with an update block, destructive updates wait for canaries ({@code Canary} = at most the
 *       block's canary count, the rest ignored) or are limited to {@code MaxParallel} per
 *       evaluation, the rest ignored for now.</li>
 * </ul>
 * A live allocation is one the store does not count as terminal; a batch allocation that completed
 * counts too, since batch work is not redone. Since nothing is placed, there are never placement
 * failures ({@code FailedTGAllocs} null), migrations, or created evaluations.
 */
public final class CountingPlanScheduler implements PlanScheduler {

  @Override
  public PlanOutcome dryRun(StateSnapshot snapshot, Job job, Evaluation eval) {
    Map<String, List<Allocation>> live = liveAllocs(snapshot, job);
    Map<String, DesiredUpdates> out = new TreeMap<>();
    if (!job.stopped() && job.taskGroups() != null) {
      for (TaskGroup tg : job.taskGroups()) {
        out.put(tg.name(), group(job, tg, live.getOrDefault(tg.name(), List.of())));
      }
    }
    for (Map.Entry<String, List<Allocation>> e : live.entrySet()) {
      if (!out.containsKey(e.getKey())) {
        out.put(e.getKey(), new DesiredUpdates(0, 0, 0, e.getValue().size(), 0, 0, 0));
      }
    }
    return new PlanOutcome(out, null, null);
  }

  private static DesiredUpdates group(Job job, TaskGroup tg, List<Allocation> allocs) {
    int count = tg.countOrZero();
    int kept = Math.min(count, allocs.size());
    long ignore = 0;
    long inPlace = 0;
    long destructive = 0;
    for (Allocation a : allocs.subList(0, kept)) {
      if (Objects.equals(a.job().jobModifyIndex(), job.jobModifyIndex())) {
        ignore++;
      } else if (DestructiveChanges.between(a.job(), job, tg.name())) {
        destructive++;
      } else {
        inPlace++;
      }
    }
    long canary = 0;
    UpdateStrategy update = tg.update();
    if (destructive > 0 && update != null) {
      long limit;
      if (update.canary() != null && update.canary() > 0) {
        canary = Math.min(destructive, update.canary());
        limit = 0;
      } else {
        limit = update.maxParallel() == null ? destructive : update.maxParallel();
      }
      long now = Math.min(destructive, limit);
      ignore += destructive - now;
      destructive = now;
    }
    return new DesiredUpdates(ignore, count - kept, 0, allocs.size() - kept, inPlace, destructive, canary);
  }

  /** The job's live allocations by group, oldest first. */
  private static Map<String, List<Allocation>> liveAllocs(StateSnapshot snapshot, Job job) {
    boolean batch = Job.TYPE_BATCH.equals(job.type());
    Map<String, List<Allocation>> out = new HashMap<>();
    List<Allocation> allocs = new ArrayList<>(snapshot.allocsByJob(new JobKey(job.namespace(), job.id())));
    allocs.sort((x, y) -> Long.compare(x.createIndex(), y.createIndex()));
    for (Allocation a : allocs) {
      boolean completedBatch = batch && Allocation.DESIRED_RUN.equals(a.desiredStatus())
          && Allocation.CLIENT_COMPLETE.equals(a.clientStatus());
      if (a.job() != null && (!a.terminal() || completedBatch)) {
        out.computeIfAbsent(a.taskGroup(), g -> new ArrayList<>()).add(a);
      }
    }
    return out;
  }
}
