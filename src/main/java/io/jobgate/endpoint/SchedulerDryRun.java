package io.jobgate.endpoint;

import io.jobgate.scheduler.Outcome;
import io.jobgate.scheduler.RecordingPlanner;
import io.jobgate.scheduler.Scheduler;
import io.jobgate.state.StateSnapshot;
import io.jobgate.structs.Evaluation;
import io.jobgate.structs.Job;
import io.jobgate.structs.TimeScale;
import java.util.List;

/**
 * Plan's answer from the real scheduler (spec §12.1 step 3): it runs on the plan's private copy of
 * the state with a planner that only records, so placements, failed placements and the blocked or
 * follow-up evaluations it would create are exactly what a register would produce, and nothing is
 * committed.
 */
public final class SchedulerDryRun implements PlanScheduler {

  private final TimeScale scale;

  public SchedulerDryRun(TimeScale scale) {
    this.scale = scale;
  }

  @Override
  public PlanOutcome dryRun(StateSnapshot snapshot, Job job, Evaluation eval) {
    RecordingPlanner planner = new RecordingPlanner();
    Outcome out = Scheduler.forType(job.type(), scale).process(snapshot, eval, planner);
    List<Evaluation> created = planner.createdEvals();
    return new PlanOutcome(out.desiredTGUpdates(), out.failedTGAllocs(),
        created.isEmpty() ? null : List.copyOf(created));
  }
}
