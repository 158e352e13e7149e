package io.jobgate.endpoint;

import io.jobgate.acl.Acl;
import io.jobgate.acl.Capabilities;
import io.jobgate.state.JobKey;
import io.jobgate.state.StateSnapshot;
import io.jobgate.state.StateStore;
import io.jobgate.state.StateWriter;
import io.jobgate.state.Table;
import io.jobgate.state.WatchKey;
import io.jobgate.structs.AllocListStub;
import io.jobgate.structs.Allocation;
import io.jobgate.structs.Deployment;
import io.jobgate.structs.DesiredTransition;
import io.jobgate.structs.Evaluation;
import io.jobgate.structs.GoTime;
import io.jobgate.structs.Job;
import io.jobgate.structs.JobCanonicalizer;
import io.jobgate.structs.JobDiff;
import io.jobgate.structs.JobDiffer;
import io.jobgate.structs.JobListStub;
import io.jobgate.structs.JobSummary;
import io.jobgate.structs.JobValidator;
import io.jobgate.structs.TaskGroup;
import io.jobgate.structs.ValidationResult;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The job operations of Nomad's {@code Job} RPC endpoint (spec §6, §7): validation, check-and-set
 * and the commands they send to the store. Writes run on the store's writer, so each sees the
 * latest state and nothing can change between its checks and its commit.
 */
public final class JobEndpoint {

  private final StateStore store;
  private final PlanScheduler planScheduler;

  public JobEndpoint(StateStore store, PlanScheduler planScheduler) {
    this.store = store;
    this.planScheduler = planScheduler;
  }

  // ---------------------------------------------------------------- writes

  /**
   * Register or update (spec §6). {@code job} is as submitted; it is canonicalised here. The
   * caller's ACL is resolved and checked only after validation, in the job's namespace, as Nomad
   * orders it (spec §16): a validation error can precede a 403.
   */
  public Future<JobRegisterResponse> register(JobRegisterRequest req, Supplier<Acl> caller) {
    Job job = JobCanonicalizer.canonicalize(req.job());
    ValidationResult validation = JobValidator.validate(job);
    if (!validation.ok()) {
      return Future.failedFuture(EndpointException.invalid(validation.errorText()));
    }
    try {
      Acl acl = caller.get();
      Permissions.requireNamespace(acl, job.namespace(), Capabilities.SUBMIT_JOB);
      if (Boolean.TRUE.equals(req.policyOverride())) {
        Permissions.requireNamespace(acl, job.namespace(), Capabilities.SENTINEL_OVERRIDE);
      }
    } catch (EndpointException e) {
      return Future.failedFuture(e);
    }
    boolean enforce = Boolean.TRUE.equals(req.enforceIndex());
    long jmi = req.jobModifyIndex() == null ? 0 : req.jobModifyIndex();
    String warnings = validation.warningText();
    long submitTime = GoTime.toUnixNanos(Instant.now());
    return store.write(w -> registerIn(w, job, enforce, jmi, warnings, submitTime));
  }

  private static JobRegisterResponse registerIn(StateWriter w, Job job, boolean enforce, long jmi, String warnings,
      long submitTime) {
    JobKey key = new JobKey(job.namespace(), job.id());
    Job existing = w.job(key);
    if (enforce) {
      checkModifyIndex(existing, jmi);
    }
    String transition = JobValidator.validateUpdate(existing, job);
    if (transition != null) {
      throw EndpointException.invalid(transition);
    }
    if (w.acl().tables().namespace(job.namespace()) == null) {
      throw EndpointException.invalid(
          "job \"" + job.id() + "\" is in nonexistent namespace \"" + job.namespace() + "\"");
    }
    long jobModifyIndex;
    Job current;
    if (existing == null || !existing.sameSpecAs(job)) {
      long idx = w.nextIndex();
      current = w.upsertJob(idx, job.withSubmitTime(submitTime), false);
      jobModifyIndex = idx;
    } else {
      current = existing;
      jobModifyIndex = existing.jobModifyIndex();
    }
    if (current.periodicJob() || current.parameterizedParent()) {
      return JobRegisterResponse.of("", 0, jobModifyIndex, warnings, 0);
    }
    Evaluation eval = Evaluation.pending(Ids.uuid(), current.namespace(), current.priority(), current.type(),
        Evaluation.TRIGGER_JOB_REGISTER, current.id(), jobModifyIndex);
    long evalIndex = w.nextIndex();
    w.upsertEvals(evalIndex, List.of(eval));
    return JobRegisterResponse.of(eval.id(), evalIndex, jobModifyIndex, warnings, evalIndex);
  }

  /** The check-and-set rules of spec §6 step 5; clients match the text's prefix. */
  private static void checkModifyIndex(Job existing, long jmi) {
    String prefix = "Enforcing job modify index " + jmi + ": ";
    if (existing != null && jmi == 0) {
      throw EndpointException.invalid(prefix + "job already exists");
    }
    if (existing != null && jmi != existing.jobModifyIndex()) {
      throw EndpointException.invalid(
          prefix + "job exists with conflicting job modify index: " + existing.jobModifyIndex());
    }
    if (existing == null && jmi != 0) {
      throw EndpointException.invalid(prefix + "job does not exist");
    }
  }

  /** Derives and runs a child of a parameterized job (spec §10). */
  public Future<JobDispatchResponse> dispatch(String namespace, JobDispatchRequest req) {
    return store.write(w -> JobDispatch.commit(w, namespace, req));
  }

  /**
   * What registering {@code req.job()} would do, committing nothing (spec §12), computed against
   * the current snapshot on a worker thread.
   */
  public Future<JobPlanResponse> plan(JobPlanRequest req, Supplier<Acl> caller) {
    StateSnapshot snapshot = store.snapshot();
    Context context = Vertx.currentContext();
    if (context == null) {
      try {
        return Future.succeededFuture(JobPlan.plan(snapshot, planScheduler, req, caller));
      } catch (EndpointException e) {
        return Future.failedFuture(e);
      }
    }
    // The scheduler runs synchronously and grows with the fleet: never on an event loop.
    return context.owner().executeBlocking(() -> JobPlan.plan(snapshot, planScheduler, req, caller), false);
  }

  /** Stop, or with {@code purge} delete (spec §7.10). An unknown job is not an error in 0.8. */
  public Future<JobDeregisterResponse> deregister(String namespace, String id, boolean purge) {
    return store.write(w -> {
      JobKey key = new JobKey(namespace, id);
      Job existing = w.job(key);
      long idx = w.nextIndex();
      if (existing != null) {
        if (purge) {
          w.deleteJob(idx, key);
        } else {
          w.upsertJob(idx, existing.withStop(true), false);
        }
      }
      if (existing != null && (existing.periodicJob() || existing.parameterizedParent())) {
        return new JobDeregisterResponse("", 0, idx, 0, 0, false);
      }
      // Nomad 0.8 always files deregister evals at the default priority as "service" (spec §7.10).
      Evaluation eval = Evaluation.pending(Ids.uuid(), namespace, 50, Job.TYPE_SERVICE,
          Evaluation.TRIGGER_JOB_DEREGISTER, id, idx);
      long evalIndex = w.nextIndex();
      w.upsertEvals(evalIndex, List.of(eval));
      return new JobDeregisterResponse(eval.id(), evalIndex, idx, evalIndex, 0, false);
    });
  }

  /** Re-registers a stored version as a new one (spec §7.14). */
  public Future<JobRegisterResponse> revert(String namespace, JobRevertRequest req) {
    long submitTime = GoTime.toUnixNanos(Instant.now());
    return store.write(w -> {
      String id = req.jobId();
      if (id == null || id.isEmpty()) {
        throw EndpointException.invalid("missing job ID for revert");
      }
      JobKey key = new JobKey(namespace, id);
      Job current = w.job(key);
      if (current == null) {
        throw EndpointException.invalid("job \"" + id + "\" not found");
      }
      long wanted = req.jobVersion() == null ? 0 : req.jobVersion();
      if (wanted == current.versionOrZero()) {
        throw EndpointException.invalid("can't revert to current version");
      }
      Job old = w.view().jobVersion(key, wanted);
      if (old == null) {
        throw EndpointException.invalid(
            "job \"" + id + "\" in namespace \"" + namespace + "\" at version " + wanted + " not found");
      }
      if (req.enforcePriorVersion() != null && req.enforcePriorVersion() != current.versionOrZero()) {
        throw EndpointException.invalid("Current job has version " + current.versionOrZero()
            + "; enforcing version " + req.enforcePriorVersion());
      }
      return registerIn(w, old, req.enforcePriorVersion() != null, current.jobModifyIndex(), "", submitTime);
    });
  }

  /** Marks a version stable or unstable (spec §7.15). */
  public Future<StableResponse> stable(String namespace, JobStabilityRequest req) {
    return store.write(w -> {
      String id = req.jobId();
      if (id == null || id.isEmpty()) {
        throw EndpointException.invalid("missing job ID for marking job as stable");
      }
      JobKey key = new JobKey(namespace, id);
      long version = req.jobVersion() == null ? 0 : req.jobVersion();
      Job stored = w.view().jobVersion(key, version);
      if (stored == null) {
        throw EndpointException.invalid(
            "job \"" + id + "\" in namespace \"" + namespace + "\" at version " + version + " not found");
      }
      long idx = w.nextIndex();
      boolean stable = Boolean.TRUE.equals(req.stable());
      if (stored.stableVersion() != stable) {
        w.setJobStability(idx, key, stored, stable);
      }
      return new StableResponse(idx);
    });
  }

  /** Forces a new evaluation (spec §7.11). */
  public Future<JobRegisterResponse> evaluate(String namespace, String id, boolean forceReschedule) {
    return store.write(w -> {
      if (id == null || id.isEmpty()) {
        throw EndpointException.invalid("missing job ID for evaluation");
      }
      JobKey key = new JobKey(namespace, id);
      Job job = w.job(key);
      if (job == null) {
        throw EndpointException.invalid("job not found");
      }
      if (job.periodicJob()) {
        throw EndpointException.invalid("can't evaluate periodic job");
      }
      if (job.parameterizedParent()) {
        throw EndpointException.invalid("can't evaluate parameterized job");
      }
      long idx = w.nextIndex();
      if (forceReschedule) {
        List<Allocation> marked = markForceReschedule(w.view(), key, job);
        if (!marked.isEmpty()) {
          w.upsertAllocs(idx, marked, false);
        }
      }
      Evaluation eval = Evaluation.pending(Ids.uuid(), namespace, job.priority(), job.type(),
          Evaluation.TRIGGER_JOB_REGISTER, id, job.modifyIndex());
      w.upsertEvals(idx, List.of(eval));
      return JobRegisterResponse.of(eval.id(), idx, job.modifyIndex(), "", idx);
    });
  }

  private static List<Allocation> markForceReschedule(StateSnapshot s, JobKey key, Job job) {
    List<Allocation> out = new ArrayList<>();
    for (Allocation a : s.allocsByJob(key)) {
      if (a.job() == null || !job.createIndex().equals(a.job().createIndex())
          || !Allocation.CLIENT_FAILED.equals(a.clientStatus())
          || (a.nextAllocation() != null && !a.nextAllocation().isEmpty())) {
        continue;
      }
      if (a.desiredTransition() != null && Boolean.TRUE.equals(a.desiredTransition().forceReschedule())) {
        continue;
      }
      TaskGroup tg = a.job().lookupTaskGroup(a.taskGroup());
      if (tg == null || tg.reschedulePolicy() == null || !tg.reschedulePolicy().reschedules()) {
        continue;
      }
      DesiredTransition dt = a.desiredTransition() == null ? DesiredTransition.NONE : a.desiredTransition();
      out.add(new Allocation(a.id(), a.namespace(), a.evalId(), a.name(), a.nodeId(), a.jobId(), a.job(),
          a.taskGroup(), a.resources(), a.sharedResources(), a.taskResources(), a.metrics(), a.desiredStatus(),
          a.desiredDescription(), new DesiredTransition(dt.migrate(), dt.reschedule(), true), a.clientStatus(),
          a.clientDescription(), a.taskStates(), a.previousAllocation(), a.nextAllocation(), a.deploymentId(),
          a.deploymentStatus(), a.rescheduleTracker(), a.followupEvalId(), a.createIndex(), a.modifyIndex(),
          a.allocModifyIndex(), a.createTime(), GoTime.toUnixNanos(Instant.now())));
    }
    return out;
  }

  /** Canonicalise and validate without storing anything (spec §7.17). */
  public JobValidateResponse validate(Job submitted) {
    Job job = JobCanonicalizer.canonicalize(submitted);
    ValidationResult v = JobValidator.validate(job);
    return new JobValidateResponse(true, v.ok() ? null : v.errors(), v.errorText(), v.warningText());
  }

  // ---------------------------------------------------------------- reads (spec §2.2 for indexes)

  public Read list(String namespace, String prefix) {
    return new Read(List.of(WatchKey.table(Table.JOBS), WatchKey.table(Table.JOB_SUMMARY)),
        s -> Read.Result.lazy(Math.max(s.tableIndex(Table.JOBS), s.tableIndex(Table.JOB_SUMMARY)), () -> {
          List<JobListStub> out = new ArrayList<>();
          for (Job j : s.jobsByPrefix(namespace, prefix)) {
            out.add(JobListStub.of(j, s.jobSummary(new JobKey(j.namespace(), j.id()))));
          }
          return out;
        }));
  }

  /**
   * {@code namespace=*}: the jobs of every namespace {@code visible} admits, by namespace then ID
   * (Nomad 0.12+). Which jobs a caller sees depends on its ACL, so callers must not share answers
   * across different ACLs.
   */
  public Read listAll(String prefix, Predicate<String> visible) {
    return new Read(List.of(WatchKey.table(Table.JOBS), WatchKey.table(Table.JOB_SUMMARY)),
        s -> Read.Result.lazy(Math.max(s.tableIndex(Table.JOBS), s.tableIndex(Table.JOB_SUMMARY)), () -> {
          List<JobListStub> out = new ArrayList<>();
          for (Job j : s.allJobs()) {
            if (j.id().startsWith(prefix) && visible.test(j.namespace())) {
              out.add(JobListStub.of(j, s.jobSummary(new JobKey(j.namespace(), j.id()))));
            }
          }
          return out;
        }));
  }

  public Read job(String namespace, String id) {
    JobKey key = new JobKey(namespace, id);
    return new Read(List.of(WatchKey.job(Table.JOBS, key)), s -> {
      Job j = s.job(key);
      return j == null ? Read.Result.missing(s.tableIndex(Table.JOBS), "job not found")
          : Read.Result.of(j.modifyIndex(), j);
    });
  }

  /** Versions newest first; with {@code diffs}, {@code Diffs[i]} leads from version i+1 to i (spec §7.4). */
  public Read versions(String namespace, String id, boolean diffs) {
    JobKey key = new JobKey(namespace, id);
    return new Read(List.of(WatchKey.job(Table.JOB_VERSION, key)), s -> {
      List<Job> versions = s.jobVersions(key);
      if (versions.isEmpty()) {
        return Read.Result.missing(s.tableIndex(Table.JOB_VERSION), "job versions not found");
      }
      List<JobDiff> changes = null;
      if (diffs && versions.size() > 1) {
        changes = new ArrayList<>();
        for (int i = 0; i < versions.size() - 1; i++) {
          changes.add(JobDiffer.diff(versions.get(i + 1), versions.get(i)));
        }
      }
      long index = versions.get(0).modifyIndex();
      return Read.Result.of(index, new JobVersionsResponse(versions, changes, index, 0, true));
    });
  }

  public Read summary(String namespace, String id) {
    JobKey key = new JobKey(namespace, id);
    return new Read(List.of(WatchKey.job(Table.JOB_SUMMARY, key)), s -> {
      JobSummary summary = s.jobSummary(key);
      return summary == null ? Read.Result.missing(s.tableIndex(Table.JOB_SUMMARY), "job not found")
          : Read.Result.of(summary.modifyIndex(), summary);
    });
  }

  /** Allocations of the job's current incarnation, or of every one with {@code all} (spec §7.5). */
  public Read allocations(String namespace, String id, boolean all) {
    JobKey key = new JobKey(namespace, id);
    return new Read(List.of(WatchKey.job(Table.ALLOCS, key)), s -> Read.Result.lazy(s.tableIndex(Table.ALLOCS), () -> {
      Job job = s.job(key);
      List<Allocation> allocs = new ArrayList<>(s.allocsByJob(key));
      allocs.sort(Comparator.comparing(Allocation::id));
      List<AllocListStub> out = new ArrayList<>();
      for (Allocation a : allocs) {
        if (!all && job != null && a.job() != null && !job.createIndex().equals(a.job().createIndex())) {
          continue;
        }
        out.add(AllocListStub.of(a, TaskEvents.withDisplayMessages(a.taskStates())));
      }
      return out;
    }));
  }

  public Read evaluations(String namespace, String id) {
    JobKey key = new JobKey(namespace, id);
    return new Read(List.of(WatchKey.job(Table.EVALS, key)), s -> Read.Result.lazy(s.tableIndex(Table.EVALS), () -> {
      List<Evaluation> evals = new ArrayList<>(s.evalsByJob(key));
      evals.sort(Comparator.comparing(Evaluation::status).thenComparing(Evaluation::id));
      return evals;
    }));
  }

  public Read deployments(String namespace, String id) {
    JobKey key = new JobKey(namespace, id);
    return new Read(List.of(WatchKey.job(Table.DEPLOYMENT, key)), s -> {
      List<Deployment> ds = new ArrayList<>(s.deploymentsByJob(key));
      ds.sort(Comparator.comparing(Deployment::id));
      return Read.Result.of(s.tableIndex(Table.DEPLOYMENT), ds);
    });
  }

  /** The latest deployment, or the body {@code null} when there is none (spec §7.8). */
  public Read latestDeployment(String namespace, String id) {
    JobKey key = new JobKey(namespace, id);
    return new Read(List.of(WatchKey.job(Table.DEPLOYMENT, key)),
        s -> Read.Result.of(s.tableIndex(Table.DEPLOYMENT), s.latestDeployment(key)));
  }
}
