package io.jobgate.endpoint;

import io.jobgate.state.StateSnapshot;
import io.jobgate.structs.AllocMetric;
import io.jobgate.structs.DesiredUpdates;
import io.jobgate.structs.Evaluation;
import io.jobgate.structs.Job;
import java.util.List;
import java.util.Map;

/**
 * The scheduler as plan needs it (spec §12.1 step 3): run once for one evaluation against a state
 * that nobody else sees, and report what it would do instead of doing it. Nothing may be committed.
 */
public interface PlanScheduler {

  /**
   * Runs the scheduler for {@code job}'s type on {@code snapshot}, recording instead of submitting.
   *
   * @param snapshot the committed state with the planned job and {@code eval} already written into
   *     it, as Nomad's plan prepares its in-memory copy: the job at index {@code JobModifyIndex + 1}
   *     if its spec changed (at a fake index if new), left as stored if unchanged
   * @param job the job as it stands in {@code snapshot}
   * @param eval the planning evaluation: {@code job-register}, pending, {@code AnnotatePlan} set
   */
  PlanOutcome dryRun(StateSnapshot snapshot, Job job, Evaluation eval);

  /**
   * What the run would do: per task group the reconciler's counts; the placement failures of the
   * evaluation as it would finish (null when everything fits); the evaluations it would create,
   * such as a blocked one (null when none).
   */
  record PlanOutcome(Map<String, DesiredUpdates> desiredTGUpdates, Map<String, AllocMetric> failedTGAllocs,
      List<Evaluation> createdEvals) {
  }
}
