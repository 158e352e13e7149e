package io.jobgate.scheduler;

import io.jobgate.metrics.Metrics;
import io.jobgate.state.StateStore;
import io.micrometer.core.instrument.Counter;
import io.jobgate.state.StateWriter;
import io.jobgate.structs.Evaluation;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The live {@link Planner}: every result goes through the store's single writer. Blocks the
 * calling scheduler thread (never an event loop) until the write is committed.
 */
final class StorePlanner implements Planner {

  /** A write that takes longer than this means the writer is wedged; the eval is nacked. */
  private static final long WRITE_TIMEOUT_SECONDS = 60;

  private final StateStore store;
  private final Counter placements;
  private final Counter conflicts;

  StorePlanner(StateStore store, Metrics metrics) {
    this.store = store;
    this.placements = Counter.builder(Metrics.PLACEMENTS).description("Allocations placed by committed plans")
        .register(metrics.registry());
    this.conflicts = Counter.builder(Metrics.PLAN_CONFLICTS)
        .description("Plans refused in part or whole at apply because the state had moved under them")
        .register(metrics.registry());
  }

  @Override
  public PlanResult submitPlan(Plan plan) {
    PlanResult r = await(w -> PlanApplier.apply(w, plan));
    placements.increment(r.placed());
    if (r.refreshed() != null) {
      conflicts.increment();
    }
    return r;
  }

  @Override
  public void updateEval(Evaluation eval) {
    upsert(eval);
  }

  @Override
  public void createEval(Evaluation eval) {
    upsert(eval);
  }

  @Override
  public void reblockEval(Evaluation eval) {
    upsert(eval);
  }

  private void upsert(Evaluation eval) {
    await(w -> {
      w.upsertEvals(w.nextIndex(), List.of(eval));
      return null;
    });
  }

  private <T> T await(Function<StateWriter, T> op) {
    try {
      return store.write(op).toCompletionStage().toCompletableFuture().get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while committing", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("the store did not commit within " + WRITE_TIMEOUT_SECONDS + "s", e);
    }
  }
}
