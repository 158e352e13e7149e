package io.jobgate.persist;

import io.jobgate.config.GcConfig;
import io.jobgate.logging.Log;
import io.jobgate.state.JobKey;
import io.jobgate.state.StateSnapshot;
import io.jobgate.state.StateStore;
import io.jobgate.structs.Allocation;
import io.jobgate.structs.Deployment;
import io.jobgate.structs.Evaluation;
import io.jobgate.structs.Job;
import io.jobgate.structs.ReschedulePolicy;
import io.jobgate.structs.RescheduleTracker;
import io.jobgate.structs.TaskGroup;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Nomad's core garbage collector (0.8 {@code core_sched.go}; spec §13.1), so a long-running
 * agent's store stays bounded: terminal evaluations and their terminal allocations, dead batch
 * jobs, stopped jobs and finished deployments go once they are older than their threshold.
 * "Older" compares a row's ModifyIndex (a job's CreateIndex) with the index the store had at
 * {@code now - threshold}, from the {@link TimeTable}; a forced pass ({@code PUT /v1/system/gc})
 * ignores age, as Nomad's does.
 *
 * <p>A pass chooses candidates from a snapshot on a worker thread, then deletes them in writes of
 * at most {@link #MAX_PER_WRITE}, each checking again against the latest state, so a job
 * re-registered meanwhile is never collected.
 */
public final class GarbageCollector {

  private static final Log LOG = Log.get("jobgate.gc");

  /** Rows deleted per write: bounds one journal transaction and one writer turn. */
  static final int MAX_PER_WRITE = 2000;

  private final Vertx vertx;
  private final StateStore store;
  private final GcConfig config;
  private final TimeTable timeTable;
  private final LongSupplier clock;

  public GarbageCollector(Vertx vertx, StateStore store, GcConfig config, TimeTable timeTable) {
    this(vertx, store, config, timeTable, System::currentTimeMillis);
  }

  GarbageCollector(Vertx vertx, StateStore store, GcConfig config, TimeTable timeTable, LongSupplier clock) {
    this.vertx = vertx;
    this.store = store;
    this.config = config;
    this.timeTable = timeTable;
    this.clock = clock;
  }

  /** Runs a pass every {@link GcConfig#interval()}. */
  public void start() {
    vertx.setPeriodic(config.interval().toMillis(), id -> collect(false)
        .onSuccess(c -> {
          if (!c.equals(Collected.NONE)) {
            LOG.info("garbage collected", "jobs", c.jobs(), "evals", c.evals(), "allocs", c.allocs(),
                "deployments", c.deployments());
          }
        })
        .onFailure(e -> LOG.error("garbage collection pass failed", e, "next_in_ms", config.interval().toMillis())));
  }

  /** One pass; {@code force} collects everything eligible whatever its age. */
  public Future<Collected> collect(boolean force) {
    long now = clock.getAsLong();
    StateSnapshot snapshot = store.snapshot();
    // In memory nothing else witnesses; with a journal this only fills the gaps between writes.
    timeTable.witness(snapshot.index(), now);
    Thresholds t = force ? Thresholds.ALL : new Thresholds(
        timeTable.nearestIndex(now - config.evalThreshold().toMillis()),
        timeTable.nearestIndex(now - config.jobThreshold().toMillis()),
        timeTable.nearestIndex(now - config.deploymentThreshold().toMillis()));
    return vertx.executeBlocking(() -> candidates(snapshot, t, now), false)
        .compose(c -> delete(c, t, now, 0, Collected.NONE));
  }

  /** What a pass removed. */
  public record Collected(int jobs, int evals, int allocs, int deployments) {
    static final Collected NONE = new Collected(0, 0, 0, 0);

    Collected plus(Collected o) {
      return new Collected(jobs + o.jobs, evals + o.evals, allocs + o.allocs, deployments + o.deployments);
    }
  }

  /** Highest ModifyIndex (CreateIndex for jobs) that counts as old enough, per kind. */
  private record Thresholds(long eval, long job, long deployment) {
    static final Thresholds ALL = new Thresholds(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);
  }

  private record Candidates(List<JobKey> jobs, List<String> evals, List<String> allocs, List<String> deployments) {
    int size() {
      return jobs.size() + evals.size() + allocs.size() + deployments.size();
    }

    Candidates from(int skip) {
      List<JobKey> j = new ArrayList<>();
      List<String> e = new ArrayList<>();
      List<String> a = new ArrayList<>();
      List<String> d = new ArrayList<>();
      int n = 0;
      for (JobKey k : jobs) {
        n = take(n, skip, k, j);
      }
      for (String id : evals) {
        n = take(n, skip, id, e);
      }
      for (String id : allocs) {
        n = take(n, skip, id, a);
      }
      for (String id : deployments) {
        n = take(n, skip, id, d);
      }
      return new Candidates(j, e, a, d);
    }

    private static <T> int take(int n, int skip, T item, List<T> into) {
      if (n >= skip && n < skip + MAX_PER_WRITE) {
        into.add(item);
      }
      return n + 1;
    }
  }

  private static Candidates candidates(StateSnapshot s, Thresholds t, long now) {
    List<JobKey> jobs = new ArrayList<>();
    for (Job job : s.allJobs()) {
      if (jobGarbage(s, job, t.job, now) != null) {
        jobs.add(new JobKey(job.namespace(), job.id()));
      }
    }
    List<String> evals = new ArrayList<>();
    Set<String> allocs = new LinkedHashSet<>();
    for (Evaluation e : s.allEvals()) {
      EvalGarbage g = evalGarbage(s, e, t.eval, false, now);
      if (g.collect) {
        evals.add(e.id());
      }
      allocs.addAll(g.allocs);
    }
    List<String> deployments = new ArrayList<>();
    for (Deployment d : s.allDeployments()) {
      if (deploymentGarbage(s, d, t.deployment)) {
        deployments.add(d.id());
      }
    }
    return new Candidates(jobs, evals, new ArrayList<>(allocs), deployments);
  }

  /** Deletes the candidates a chunk at a time, each re-checked on the writer against the latest state. */
  private Future<Collected> delete(Candidates all, Thresholds t, long now, int skip, Collected sofar) {
    if (skip >= all.size()) {
      return Future.succeededFuture(sofar);
    }
    Candidates c = all.from(skip);
    return store.write(w -> {
      StateSnapshot s = w.view();
      long idx = w.nextIndex();
      Set<String> evals = new LinkedHashSet<>();
      Set<String> allocs = new LinkedHashSet<>();
      int jobs = 0;
      for (JobKey key : c.jobs) {
        Job job = s.job(key);
        EvalGarbage g = job == null ? null : jobGarbage(s, job, t.job, now);
        if (g != null) {
          // The job first: deleting its evals afterwards then has no job status left to recompute.
          w.deleteJob(idx, key);
          jobs++;
          evals.addAll(g.evalIds);
          allocs.addAll(g.allocs);
        }
      }
      for (String id : c.evals) {
        Evaluation e = s.eval(id);
        if (e != null) {
          EvalGarbage g = evalGarbage(s, e, t.eval, false, now);
          if (g.collect) {
            evals.add(id);
          }
          allocs.addAll(g.allocs);
        }
      }
      for (String id : c.allocs) {
        Allocation a = s.alloc(id);
        if (a != null && allocEligible(a, s.job(new JobKey(a.namespace(), a.jobId())), t.eval, now)) {
          allocs.add(id);
        }
      }
      List<String> deployments = new ArrayList<>();
      for (String id : c.deployments) {
        Deployment d = s.deployment(id);
        if (d != null && deploymentGarbage(s, d, t.deployment)) {
          deployments.add(id);
        }
      }
      w.deleteEvalsAndAllocs(idx, new ArrayList<>(evals), new ArrayList<>(allocs));
      w.deleteDeployments(idx, deployments);
      return new Collected(jobs, evals.size(), allocs.size(), deployments.size());
    }).compose(done -> delete(all, t, now, skip + MAX_PER_WRITE, sofar.plus(done)));
  }

  /** An eval's verdict: whether it goes, and which of its allocations go either way. */
  private record EvalGarbage(boolean collect, List<String> evalIds, List<String> allocs) {
  }

  /**
   * Nomad's job GC: a GC-able job created before the threshold, all of whose evals are
   * collectable; returns its evals and allocs, or null when it stays.
   */
  private static EvalGarbage jobGarbage(StateSnapshot s, Job job, long threshold, long now) {
    if (!gcAble(job) || job.createIndex() > threshold) {
      return null;
    }
    List<String> evals = new ArrayList<>();
    List<String> allocs = new ArrayList<>();
    for (Evaluation e : s.evalsByJob(new JobKey(job.namespace(), job.id()))) {
      EvalGarbage g = evalGarbage(s, e, threshold, true, now);
      if (!g.collect) {
        return null;
      }
      evals.add(e.id());
      allocs.addAll(g.allocs);
    }
    return new EvalGarbage(true, evals, allocs);
  }

  /** Nomad's {@code jobIsGCable}: periodic and parameterized parents only once stopped. */
  private static boolean gcAble(Job job) {
    boolean periodic = job.periodic() != null && job.periodic().enabledOrFalse();
    if (periodic || job.parameterizedParent()) {
      return job.stopped();
    }
    if (!Job.STATUS_DEAD.equals(job.status())) {
      return false;
    }
    return job.stopped() || Job.TYPE_BATCH.equals(job.type());
  }

  /**
   * Nomad's {@code gcEval}: a terminal, old eval whose allocs are all eligible. Batch evals are
   * left to the job pass ({@code allowBatch}) unless their job is gone or stopped and dead:
   * collecting a running batch job's finished allocs would make the scheduler run them again.
   */
  private static EvalGarbage evalGarbage(StateSnapshot s, Evaluation e, long threshold, boolean allowBatch,
      long now) {
    if (!e.terminal() || e.modifyIndex() > threshold) {
      return new EvalGarbage(false, List.of(), List.of());
    }
    Job job = s.job(new JobKey(e.namespace(), e.jobId()));
    if (Job.TYPE_BATCH.equals(e.type())) {
      boolean collect = job == null
          || (Job.STATUS_DEAD.equals(job.status()) && (job.stopped() || allowBatch));
      if (!collect) {
        return new EvalGarbage(false, List.of(), List.of());
      }
    }
    boolean all = true;
    List<String> allocs = new ArrayList<>();
    for (Allocation a : s.allocsByEval(e.id())) {
      if (allocEligible(a, job, threshold, now)) {
        allocs.add(a.id());
      } else {
        all = false;
      }
    }
    return new EvalGarbage(all, List.of(e.id()), allocs);
  }

  /** Nomad's {@code allocGCEligible}: terminal, old, and not still needed to reschedule from. */
  private static boolean allocEligible(Allocation a, Job job, long threshold, long now) {
    if (!a.terminal() || a.modifyIndex() > threshold) {
      return false;
    }
    if (job == null || job.stopped() || Job.STATUS_DEAD.equals(job.status())
        || Allocation.DESIRED_STOP.equals(a.desiredStatus())
        || !Allocation.CLIENT_FAILED.equals(a.clientStatus())) {
      return true;
    }
    TaskGroup tg = job.lookupTaskGroup(a.taskGroup());
    ReschedulePolicy policy = tg == null ? null : tg.reschedulePolicy();
    if (policy == null || !policy.reschedules() || (a.nextAllocation() != null && !a.nextAllocation().isEmpty())) {
      return true;
    }
    if (Boolean.TRUE.equals(policy.unlimited())) {
      return false;
    }
    RescheduleTracker tracker = a.rescheduleTracker();
    if (tracker == null || tracker.events() == null || tracker.events().isEmpty()) {
      return false;
    }
    long last = tracker.events().get(tracker.events().size() - 1).rescheduleTime();
    long interval = policy.interval() == null ? 0 : policy.interval();
    return now * 1_000_000L - last > interval;
  }

  /** Nomad's deployment GC: finished, old, and no allocation of it still live. */
  private static boolean deploymentGarbage(StateSnapshot s, Deployment d, long threshold) {
    if (d.active() || d.modifyIndex() > threshold) {
      return false;
    }
    for (Allocation a : s.allocsByJob(new JobKey(d.namespace(), d.jobId()))) {
      if (d.id().equals(a.deploymentId()) && !a.terminal()) {
        return false;
      }
    }
    return true;
  }
}
