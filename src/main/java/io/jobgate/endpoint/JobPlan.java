package io.jobgate.endpoint;

import io.jobgate.acl.Acl;
import io.jobgate.acl.Capabilities;
import java.util.function.Supplier;

import io.jobgate.state.JobKey;
import io.jobgate.state.StateSnapshot;
import io.jobgate.structs.DiffAnnotator;
import io.jobgate.structs.Evaluation;
import io.jobgate.structs.GoTime;
import io.jobgate.structs.Job;
import io.jobgate.structs.JobCanonicalizer;
import io.jobgate.structs.JobDiff;
import io.jobgate.structs.JobDiffer;
import io.jobgate.structs.JobValidator;
import io.jobgate.structs.PlanAnnotations;
import io.jobgate.structs.ValidationResult;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * A dry run of register (spec §12.1): the job is canonicalised and validated as register does,
 * written with a planning evaluation into a private copy of the state, and handed to the
 * scheduler, whose answer becomes the plan. Nothing is committed and no index is used.
 */
final class JobPlan {

  /** Nomad writes a new job and the eval into its plan copy at this arbitrary index; never reported. */
  private static final long FAKE_INDEX = 100;

  private static final ZonedDateTime ZERO_TIME = GoTime.ZERO.atZone(ZoneOffset.UTC);

  private JobPlan() {
  }

  static JobPlanResponse plan(StateSnapshot committed, PlanScheduler scheduler, JobPlanRequest req,
      Supplier<Acl> caller) {
    Job job = JobCanonicalizer.canonicalize(req.job());
    ValidationResult validation = JobValidator.validate(job);
    if (!validation.ok()) {
      throw EndpointException.invalid(validation.errorText());
    }
    // As register: validation first, then the caller's rights in the job's namespace (spec §16).
    Acl acl = caller.get();
    Permissions.requireNamespace(acl, job.namespace(), Capabilities.SUBMIT_JOB);
    if (Boolean.TRUE.equals(req.policyOverride())) {
      Permissions.requireNamespace(acl, job.namespace(), Capabilities.SENTINEL_OVERRIDE);
    }
    JobKey key = new JobKey(job.namespace(), job.id());
    Job old = committed.job(key);
    long index = old == null ? 0 : old.jobModifyIndex();
    // An unchanged job stays as stored, so the scheduler reuses what it already has (deployments).
    boolean write = old == null || !old.sameSpecAs(job);
    long jobIndex = old == null ? FAKE_INDEX : index + 1;
    Evaluation eval = Evaluation.pending(Ids.uuid(), job.namespace(), job.priority(), job.type(),
        Evaluation.TRIGGER_JOB_REGISTER, job.id(), write && old != null ? jobIndex : 0).annotatingPlan();
    Job submitted = job.withSubmitTime(GoTime.toUnixNanos(Instant.now()));
    StateSnapshot copy = committed.speculate(w -> {
      if (write) {
        w.upsertJob(jobIndex, submitted, false);
      }
      w.upsertEvals(FAKE_INDEX, List.of(eval));
    });
    PlanScheduler.PlanOutcome outcome = scheduler.dryRun(copy, copy.job(key), copy.eval(eval.id()));
    PlanAnnotations annotations = new PlanAnnotations(outcome.desiredTGUpdates());
    JobDiff diff = Boolean.TRUE.equals(req.diff())
        ? DiffAnnotator.annotate(JobDiffer.diff(old, job), annotations) : null;
    return new JobPlanResponse(annotations, outcome.failedTGAllocs(), index, outcome.createdEvals(), diff,
        nextLaunch(job), validation.warningText(), index);
  }

  /** The next launch after now in the job's zone, for enabled periodic jobs; else the zero time (§11). */
  private static ZonedDateTime nextLaunch(Job job) {
    if (job.periodic() == null || !job.periodic().enabledOrFalse()) {
      return ZERO_TIME;
    }
    try {
      return job.periodic().next(Instant.now()).orElse(ZERO_TIME);
    } catch (IllegalStateException | DateTimeException e) {
      throw EndpointException.invalid("Failed to parse cron expression: " + e.getMessage());
    }
  }
}
