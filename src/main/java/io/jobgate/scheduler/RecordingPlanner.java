package io.jobgate.scheduler;

import io.jobgate.structs.Evaluation;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Planner} that commits nothing and remembers everything, for plan dry runs (spec §12.1
 * step 3): every plan "commits" in full, created evaluations are kept in order.
 */
public final class RecordingPlanner implements Planner {

  private final List<Plan> plans = new ArrayList<>();
  private final List<Evaluation> createdEvals = new ArrayList<>();
  private final List<Evaluation> updatedEvals = new ArrayList<>();

  @Override
  public PlanResult submitPlan(Plan plan) {
    plans.add(plan);
    return new PlanResult(plan.nodeUpdate, plan.nodeAllocation, null);
  }

  @Override
  public void updateEval(Evaluation eval) {
    updatedEvals.add(eval);
  }

  @Override
  public void createEval(Evaluation eval) {
    createdEvals.add(eval);
  }

  @Override
  public void reblockEval(Evaluation eval) {
    updatedEvals.add(eval);
  }

  public List<Plan> plans() {
    return plans;
  }

  /** Blocked and follow-up evaluations the scheduler would have filed. */
  public List<Evaluation> createdEvals() {
    return createdEvals;
  }

  public List<Evaluation> updatedEvals() {
    return updatedEvals;
  }
}
