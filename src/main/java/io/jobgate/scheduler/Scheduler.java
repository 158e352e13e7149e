package io.jobgate.scheduler;

import io.jobgate.state.StateSnapshot;
import io.jobgate.structs.Evaluation;
import io.jobgate.structs.Job;
import io.jobgate.structs.TimeScale;

/**
 * A scheduler for one job type (spec §15). The entry point for live scheduling and for plan dry
 * runs alike:
 *
 * <pre>{@code
 * RecordingPlanner planner = new RecordingPlanner();
 * Outcome out = Scheduler.forType(job.type(), TimeScale.REAL).process(snapshot, eval, planner);
 * // out.desiredTGUpdates() (when eval.annotatePlan()), out.failedTGAllocs(), planner.createdEvals()
 * }</pre>
 *
 * {@code snapshot} may be any {@link StateSnapshot}, including an in-memory copy holding a job that
 * was never registered; the scheduler reads nothing else and writes only through the
 * {@link Planner}. Runs synchronously on the calling thread, which must not be an event loop.
 */
public interface Scheduler {

  /** Schedules {@code eval} against {@code state}; the final eval is also given to {@code planner}. */
  Outcome process(StateSnapshot state, Evaluation eval, Planner planner);

  /** The scheduler Nomad runs for an evaluation of {@code type}. */
  static Scheduler forType(String type, TimeScale scale) {
    return switch (type) {
      case Job.TYPE_SYSTEM -> new SystemScheduler();
      case Job.TYPE_BATCH -> new GenericScheduler(true, scale);
      default -> new GenericScheduler(false, scale);
    };
  }
}
