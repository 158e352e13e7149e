package io.jobgate.periodic;

import io.jobgate.state.JobKey;
import io.jobgate.state.StateSnapshot;
import io.jobgate.state.StateWriter;
import io.jobgate.structs.Evaluation;
import io.jobgate.structs.GoTime;
import io.jobgate.structs.Job;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * A periodic job's children (spec §11): how one is derived and committed with its
 * {@code periodic-job} evaluation, and whether earlier ones still run. Shared by the launcher and
 * the force endpoint, inside their store writes.
 */
public final class PeriodicChildren {

  /** Children are named {@code <parent>/periodic-<launch time in Unix seconds>}. */
  public static final String SUFFIX = "/periodic-";

  private PeriodicChildren() {
  }

  /** A launch as committed: the child job's ID and index, and its evaluation. */
  public record Launched(String childId, long jobIndex, Evaluation eval, long evalIndex) {
  }

  /**
   * Commits the child of {@code parent} for {@code launchTime} and its evaluation, and records the
   * launch. Two launches in the same second share a child ID: the second updates the first, as in
   * Nomad.
   */
  public static Launched launch(StateWriter w, Job parent, Instant launchTime) {
    Instant launch = launchTime.truncatedTo(ChronoUnit.SECONDS);
    String childId = parent.id() + SUFFIX + launch.getEpochSecond();
    Job child = parent.asChild(childId, null, parent.dispatchedChild(), parent.payload(), parent.meta(),
        GoTime.toUnixNanos(Instant.now()));
    long jobIndex = w.nextIndex();
    w.upsertJob(jobIndex, child, false);
    w.upsertPeriodicLaunch(jobIndex, parent.namespace(), parent.id(), launch);
    Evaluation eval = Evaluation.pending(UUID.randomUUID().toString(), child.namespace(), child.priority(),
        child.type(), Evaluation.TRIGGER_PERIODIC_JOB, childId, jobIndex);
    long evalIndex = w.nextIndex();
    w.upsertEvals(evalIndex, List.of(eval));
    return new Launched(childId, jobIndex, eval, evalIndex);
  }

  /**
   * Nomad's {@code RunningChildren}: whether a child of {@code parent} still has a non-terminal
   * evaluation or allocation, which {@code ProhibitOverlap} waits for.
   */
  public static boolean running(StateSnapshot s, Job parent) {
    for (Job child : s.jobsByPrefix(parent.namespace(), parent.id() + SUFFIX)) {
      if (!parent.id().equals(child.parentId())) {
        continue;
      }
      JobKey key = new JobKey(child.namespace(), child.id());
      if (s.evalsByJob(key).stream().anyMatch(e -> !e.terminal())
          || s.allocsByJob(key).stream().anyMatch(a -> !a.terminal())) {
        return true;
      }
    }
    return false;
  }

  /** Nomad's periodic dispatcher tracks a job when it is active and its spec can be evaluated. */
  public static boolean tracked(Job job) {
    if (!job.periodicActive()) {
      return false;
    }
    try {
      job.periodic().next(Instant.now());
      return true;
    } catch (IllegalStateException | DateTimeException e) {
      return false;
    }
  }
}
