package io.jobgate.scheduler;

import io.jobgate.structs.Evaluation;

/**
 * Where a scheduler sends its results (Nomad's {@code scheduler.Planner}). The live
 * {@link StorePlanner} commits through the store's single writer; {@link RecordingPlanner}
 * commits nothing and keeps what it was given, for plan dry runs. Calls are synchronous: a
 * scheduler runs on its own worker thread, never on an event loop.
 */
public interface Planner {

  /** Checks the plan against the latest state and commits what still fits. */
  PlanResult submitPlan(Plan plan);

  /** Records the evaluation's outcome (status, queued counts, failures). */
  void updateEval(Evaluation eval);

  /** Files a new evaluation: a blocked eval, a follow-up for delayed rescheduling. */
  void createEval(Evaluation eval);

  /** Puts a blocked evaluation that still cannot place everything back to waiting. */
  void reblockEval(Evaluation eval);
}
