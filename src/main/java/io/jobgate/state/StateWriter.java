package io.jobgate.state;

import io.jobgate.structs.AllocBuilder;
import io.jobgate.structs.AllocDeploymentStatus;
import io.jobgate.structs.Allocation;
import io.jobgate.structs.Deployment;
import io.jobgate.structs.DeploymentState;
import io.jobgate.structs.Evaluation;
import io.jobgate.structs.Job;
import io.jobgate.structs.JobChildrenSummary;
import io.jobgate.structs.JobSummary;
import io.jobgate.structs.Node;
import io.jobgate.structs.PeriodicLaunch;
import io.jobgate.structs.TaskGroup;
import io.jobgate.structs.TaskGroupSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pcollections.PMap;
import org.pcollections.PSet;
import org.pcollections.PVector;
import org.pcollections.TreePMap;
import org.pcollections.TreePSet;
import org.pcollections.TreePVector;

/**
 * One write in progress, on the store's single writer thread. Mirrors Nomad's state store: every
 * upsert sets the rows' indexes, the table indexes, summaries and job status exactly as spec §2.2,
 * §8 and §9 say. Nothing is visible to readers until the store publishes {@link #build()}; a write
 * that throws is simply dropped, which is the rollback.
 */
public final class StateWriter {

  private long index;
  private final long[] tableIndexes;
  private TreePMap<JobKey, Job> jobs;
  private PMap<JobKey, PVector<Job>> versions;
  private PMap<JobKey, JobSummary> summaries;
  private TreePMap<String, Evaluation> evals;
  private PMap<JobKey, PSet<String>> evalsByJob;
  private TreePMap<String, Allocation> allocs;
  private PMap<JobKey, PSet<String>> allocsByJob;
  private PMap<String, PSet<String>> allocsByNode;
  private PMap<String, PSet<String>> allocsByEval;
  private TreePMap<String, Deployment> deployments;
  private PMap<JobKey, PSet<String>> deploymentsByJob;
  private PMap<JobKey, PeriodicLaunch> periodicLaunches;
  /** Written through {@link AclWriter}. */
  AclTables acl;
  private TreePMap<String, Node> nodes;
  private PMap<String, NodeUsage> usageByNode;

  private final Set<Table> touchedTables = EnumSet.noneOf(Table.class);
  private final Set<WatchKey> touchedKeys = new HashSet<>();
  final List<RowChange> changes = new ArrayList<>();

  StateWriter(StateSnapshot s) {
    index = s.index;
    tableIndexes = s.tableIndexes.clone();
    jobs = s.jobs;
    versions = s.versions;
    summaries = s.summaries;
    evals = s.evals;
    evalsByJob = s.evalsByJob;
    allocs = s.allocs;
    allocsByJob = s.allocsByJob;
    allocsByNode = s.allocsByNode;
    allocsByEval = s.allocsByEval;
    deployments = s.deployments;
    deploymentsByJob = s.deploymentsByJob;
    periodicLaunches = s.periodicLaunches;
    acl = s.acl;
    nodes = s.nodes;
    usageByNode = s.usageByNode;
  }

  /** The state as this write sees it so far (reads inside a write see its own changes). */
  public StateSnapshot view() {
    return build();
  }

  /** Reserves the next index, as a Raft entry would. Indexes only grow. */
  public long nextIndex() {
    return ++index;
  }

  public boolean changed() {
    return !changes.isEmpty() || !touchedTables.isEmpty();
  }

  StateSnapshot build() {
    return new StateSnapshot(index, tableIndexes.clone(), jobs, versions, summaries, evals, evalsByJob, allocs,
        allocsByJob, allocsByNode, allocsByEval, deployments, deploymentsByJob, periodicLaunches,
        acl, nodes, usageByNode);
  }

  StateChange change() {
    return new StateChange(index, Set.copyOf(touchedTables), Set.copyOf(touchedKeys), false, System.nanoTime());
  }

  /** Row-level changes in commit order, for the journal. */
  List<RowChange> rowChanges() {
    return changes;
  }

  public Job job(JobKey key) {
    return jobs.get(key);
  }

  // ---------------------------------------------------------------- jobs

  /**
   * Registers or updates a job at {@code idx} (spec §6 step 9). {@code keepVersion} is the
   * stability path: the version and JobModifyIndex stay, only ModifyIndex moves (§7.15).
   */
  public Job upsertJob(long idx, Job job, boolean keepVersion) {
    JobKey key = new JobKey(job.namespace(), job.id());
    Job existing = jobs.get(key);
    Job committed;
    if (existing != null) {
      // keepVersion writes the given version as it is, even an old one: Nomad's quirk (§7.15).
      long version = keepVersion ? job.versionOrZero() : existing.versionOrZero() + 1;
      long jobModifyIndex = keepVersion ? job.jobModifyIndex() : idx;
      Job draft = job.committed(version, existing.createIndex(), idx, existing.status(), job.stableVersion());
      draft = withJobModifyIndex(draft, jobModifyIndex);
      String status = jobStatus(draft, false);
      committed = draft.withStatus(status, idx);
      putJob(idx, key, committed);
      if (!status.equals(existing.status())) {
        moveChild(idx, committed, existing.status(), status);
      }
    } else {
      Job draft = job.committed(0, idx, idx, null, job.stableVersion());
      String status = jobStatus(draft, false);
      committed = draft.withStatus(status, idx);
      putJob(idx, key, committed);
      moveChild(idx, committed, null, status);
    }
    updateSummaryWithJob(idx, key, committed);
    upsertJobVersion(idx, key, committed);
    if (!keepVersion && committed.periodicActive() && !periodicLaunches.containsKey(key)
        && committed.submitTime() != null) {
      // As Nomad's FSM does: an active periodic job's first launch row is its registration, so
      // a launch missed before the first run is caught up after a restart (spec §11).
      upsertPeriodicLaunch(idx, key.namespace(), key.id(), Instant.ofEpochSecond(0, committed.submitTime()));
    }
    return committed;
  }

  private static Job withJobModifyIndex(Job j, long jobModifyIndex) {
    return new Job(j.stop(), j.region(), j.namespace(), j.id(), j.parentId(), j.name(), j.type(), j.priority(),
        j.allAtOnce(), j.datacenters(), j.constraints(), j.taskGroups(), j.update(), j.periodic(),
        j.parameterizedJob(), j.dispatched(), j.payload(), j.meta(), j.vaultToken(), j.status(),
        j.statusDescription(), j.stable(), j.version(), j.submitTime(), j.createIndex(), j.modifyIndex(),
        jobModifyIndex, null, null);
  }

  private void putJob(long idx, JobKey key, Job job) {
    jobs = jobs.plus(key, job);
    touch(idx, Table.JOBS, WatchKey.job(Table.JOBS, key));
    changes.add(new RowChange(Table.JOBS, key.toString(), job));
  }

  /** Purges a job, its versions and summary (spec §7.10). Returns false if there was none. */
  public boolean deleteJob(long idx, JobKey key) {
    Job job = jobs.get(key);
    if (job == null) {
      return false;
    }
    jobs = jobs.minus(key);
    touch(idx, Table.JOBS, WatchKey.job(Table.JOBS, key));
    changes.add(new RowChange(Table.JOBS, key.toString(), null));
    if (job.parentId() != null && !job.parentId().isEmpty() && !Job.STATUS_DEAD.equals(job.status())) {
      moveChild(idx, job, job.status(), Job.STATUS_DEAD);
    }
    versions = versions.minus(key);
    touch(idx, Table.JOB_VERSION, WatchKey.job(Table.JOB_VERSION, key));
    changes.add(new RowChange(Table.JOB_VERSION, key.toString(), null));
    summaries = summaries.minus(key);
    touch(idx, Table.JOB_SUMMARY, WatchKey.job(Table.JOB_SUMMARY, key));
    changes.add(new RowChange(Table.JOB_SUMMARY, key.toString(), null));
    deletePeriodicLaunch(idx, key);
    return true;
  }

  /**
   * Flips a version's Stable flag (spec §7.15), reproducing Nomad's quirk: the rewritten version
   * also becomes the job's current row.
   */
  public void setJobStability(long idx, JobKey key, Job version, boolean stable) {
    upsertJob(idx, version.withStable(stable, version.modifyIndex()), true);
  }

  private void upsertJobVersion(long idx, JobKey key, Job job) {
    PVector<Job> history = versions.get(key);
    if (history == null) {
      history = TreePVector.empty();
    }
    List<Job> list = new ArrayList<>(history.size() + 1);
    for (Job v : history) {
      if (v.versionOrZero() != job.versionOrZero()) {
        list.add(v);
      }
    }
    list.add(job);
    list.sort((a, b) -> Long.compare(b.versionOrZero(), a.versionOrZero()));
    if (list.size() > Job.TRACKED_VERSIONS) {
      // §8.3: drop the oldest, unless it is the newest stable version; then drop the one before it.
      int drop = Job.TRACKED_VERSIONS;
      int newestStable = -1;
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i).stableVersion()) {
          newestStable = i;
          break;
        }
      }
      if (newestStable == Job.TRACKED_VERSIONS) {
        drop = Job.TRACKED_VERSIONS - 1;
      }
      list.remove(drop);
    }
    versions = versions.plus(key, TreePVector.from(list));
    touch(idx, Table.JOB_VERSION, WatchKey.job(Table.JOB_VERSION, key));
    changes.add(new RowChange(Table.JOB_VERSION, key.toString(), versions.get(key)));
  }

  private void updateSummaryWithJob(long idx, JobKey key, Job job) {
    JobSummary summary = summaries.get(key);
    Map<String, TaskGroupSummary> groups;
    boolean changed = false;
    if (summary == null) {
      groups = new LinkedHashMap<>();
      summary = new JobSummary(key.id(), key.namespace(), groups, JobChildrenSummary.EMPTY, idx, idx);
      changed = true;
    } else {
      groups = new LinkedHashMap<>(summary.summary());
    }
    if (job.taskGroups() != null) {
      for (TaskGroup tg : job.taskGroups()) {
        if (!groups.containsKey(tg.name())) {
          groups.put(tg.name(), TaskGroupSummary.EMPTY);
          changed = true;
        }
      }
    }
    if (changed) {
      putSummary(idx, key, new JobSummary(summary.jobId(), summary.namespace(), Map.copyOf(groups),
          summary.children(), summary.createIndex(), idx));
    }
  }

  private void putSummary(long idx, JobKey key, JobSummary summary) {
    summaries = summaries.plus(key, summary);
    touch(idx, Table.JOB_SUMMARY, WatchKey.job(Table.JOB_SUMMARY, key));
    changes.add(new RowChange(Table.JOB_SUMMARY, key.toString(), summary));
  }

  /** Moves a child job between its parent's Children buckets (spec §9.3). */
  private void moveChild(long idx, Job child, String from, String to) {
    if (child.parentId() == null || child.parentId().isEmpty()) {
      return;
    }
    JobKey parentKey = new JobKey(child.namespace(), child.parentId());
    JobSummary ps = summaries.get(parentKey);
    if (ps == null) {
      return;
    }
    putSummary(idx, parentKey, new JobSummary(ps.jobId(), ps.namespace(), ps.summary(),
        ps.children().move(from, to), ps.createIndex(), idx));
  }

  /**
   * Recomputes a job's status after its evals or allocs changed (spec §9.1); writes the job row
   * only when the status actually changes.
   */
  public void refreshJobStatus(long idx, JobKey key, boolean evalDelete) {
    Job job = jobs.get(key);
    if (job == null) {
      return;
    }
    String status = jobStatus(job, evalDelete);
    if (status.equals(job.status())) {
      return;
    }
    putJob(idx, key, job.withStatus(status, idx));
    moveChild(idx, job, job.status(), status);
  }

  private String jobStatus(Job job, boolean evalDelete) {
    if (Job.TYPE_SYSTEM.equals(job.type()) || job.parameterizedParent() || job.periodicJob()) {
      return job.stopped() ? Job.STATUS_DEAD : Job.STATUS_RUNNING;
    }
    JobKey key = new JobKey(job.namespace(), job.id());
    boolean hasAlloc = false;
    for (String id : setOf(allocsByJob.get(key))) {
      hasAlloc = true;
      if (!allocs.get(id).terminal()) {
        return Job.STATUS_RUNNING;
      }
    }
    boolean hasEval = false;
    for (String id : setOf(evalsByJob.get(key))) {
      hasEval = true;
      if (!evals.get(id).terminal()) {
        return Job.STATUS_PENDING;
      }
    }
    return hasEval || hasAlloc || evalDelete ? Job.STATUS_DEAD : Job.STATUS_PENDING;
  }

  // ---------------------------------------------------------------- evaluations

  /** Inserts or updates evaluations at {@code idx} (spec §9.2, §13.1). */
  public void upsertEvals(long idx, List<Evaluation> batch) {
    Set<JobKey> jobsTouched = new HashSet<>();
    for (Evaluation e : batch) {
      Evaluation existing = evals.get(e.id());
      Evaluation stored = e.withIndexes(existing == null ? idx : existing.createIndex(), idx);
      putEval(idx, stored);
      JobKey jk = new JobKey(e.namespace(), e.jobId());
      jobsTouched.add(jk);
      applyQueued(idx, jk, stored);
      if (Evaluation.STATUS_COMPLETE.equals(stored.status())
          && (stored.failedTGAllocs() == null || stored.failedTGAllocs().isEmpty())) {
        cancelBlockedEvals(idx, jk, stored.id());
      }
    }
    for (JobKey jk : jobsTouched) {
      refreshJobStatus(idx, jk, false);
    }
  }

  private void putEval(long idx, Evaluation e) {
    JobKey jk = new JobKey(e.namespace(), e.jobId());
    evals = evals.plus(e.id(), e);
    evalsByJob = addTo(evalsByJob, jk, e.id());
    touch(idx, Table.EVALS, WatchKey.job(Table.EVALS, jk));
    touchedKeys.add(WatchKey.id(Table.EVALS, e.id()));
    changes.add(new RowChange(Table.EVALS, e.id(), e));
  }

  /** Deletes evaluations and allocations, as garbage collection does. */
  public void deleteEvalsAndAllocs(long idx, List<String> evalIds, List<String> allocIds) {
    Set<JobKey> jobsTouched = new HashSet<>();
    for (String id : evalIds) {
      Evaluation e = evals.get(id);
      if (e == null) {
        continue;
      }
      JobKey jk = new JobKey(e.namespace(), e.jobId());
      evals = evals.minus(id);
      evalsByJob = removeFrom(evalsByJob, jk, id);
      touch(idx, Table.EVALS, WatchKey.job(Table.EVALS, jk));
      touchedKeys.add(WatchKey.id(Table.EVALS, id));
      changes.add(new RowChange(Table.EVALS, id, null));
      jobsTouched.add(jk);
    }
    for (String id : allocIds) {
      Allocation a = allocs.get(id);
      if (a == null) {
        continue;
      }
      JobKey jk = new JobKey(a.namespace(), a.jobId());
      allocs = allocs.minus(id);
      allocsByJob = removeFrom(allocsByJob, jk, id);
      allocsByNode = removeFrom(allocsByNode, a.nodeId(), id);
      allocsByEval = removeFrom(allocsByEval, a.evalId(), id);
      countUsage(a, null);
      touchAlloc(idx, a);
      changes.add(new RowChange(Table.ALLOCS, id, null));
      jobsTouched.add(jk);
    }
    for (JobKey jk : jobsTouched) {
      refreshJobStatus(idx, jk, true);
    }
  }

  private void applyQueued(long idx, JobKey jk, Evaluation e) {
    if (e.queuedAllocations() == null || e.queuedAllocations().isEmpty()) {
      return;
    }
    JobSummary s = summaries.get(jk);
    if (s == null) {
      return;
    }
    Map<String, TaskGroupSummary> groups = new LinkedHashMap<>(s.summary());
    boolean changed = false;
    for (Map.Entry<String, Integer> q : e.queuedAllocations().entrySet()) {
      TaskGroupSummary tg = groups.get(q.getKey());
      if (tg != null && tg.queued() != q.getValue()) {
        groups.put(q.getKey(), new TaskGroupSummary(q.getValue(), tg.complete(), tg.failed(), tg.running(),
            tg.starting(), tg.lost()));
        changed = true;
      }
    }
    if (changed) {
      putSummary(idx, jk, new JobSummary(s.jobId(), s.namespace(), Map.copyOf(groups), s.children(),
          s.createIndex(), idx));
    }
  }

  private void cancelBlockedEvals(long idx, JobKey jk, String successfulEvalId) {
    for (String id : setOf(evalsByJob.get(jk))) {
      Evaluation b = evals.get(id);
      if (Evaluation.STATUS_BLOCKED.equals(b.status())) {
        Evaluation canceled = new Evaluation(b.id(), b.namespace(), b.priority(), b.type(), b.triggeredBy(),
            b.jobId(), b.jobModifyIndex(), b.nodeId(), b.nodeModifyIndex(), b.deploymentId(),
            Evaluation.STATUS_CANCELED, "evaluation \"" + successfulEvalId + "\" successful", b.waitNanos(),
            b.waitUntil(), b.nextEval(), b.previousEval(), b.blockedEval(), b.failedTGAllocs(),
            b.classEligibility(), b.quotaLimitReached(), b.escapedComputedClass(), b.annotatePlan(),
            b.queuedAllocations(), b.leaderACL(), b.snapshotIndex(), b.createIndex(), idx);
        putEval(idx, canceled);
      }
    }
  }

  // ---------------------------------------------------------------- allocations

  /**
   * Inserts or updates allocations at {@code idx}. Server-side writes (plans) move
   * AllocModifyIndex; client updates ({@code fromClient}) keep it, as Nomad does.
   */
  public void upsertAllocs(long idx, List<Allocation> batch, boolean fromClient) {
    Set<JobKey> jobsTouched = new HashSet<>();
    Map<JobKey, Map<String, TaskGroupSummary>> summaryEdits = new HashMap<>();
    for (Allocation a : batch) {
      Allocation existing = allocs.get(a.id());
      Allocation stored = new Allocation(a.id(), a.namespace(), a.evalId(), a.name(), a.nodeId(), a.jobId(),
          a.job(), a.taskGroup(), a.resources(), a.sharedResources(), a.taskResources(), a.metrics(),
          a.desiredStatus(), a.desiredDescription(), a.desiredTransition(), a.clientStatus(), a.clientDescription(),
          a.taskStates(), a.previousAllocation(), a.nextAllocation(), a.deploymentId(), a.deploymentStatus(),
          a.rescheduleTracker(), a.followupEvalId(),
          existing == null ? idx : existing.createIndex(), idx,
          fromClient && existing != null ? existing.allocModifyIndex() : idx,
          existing == null ? a.createTime() : existing.createTime(), a.modifyTime());
      stored = countDeployment(idx, existing, stored);
      JobKey jk = new JobKey(a.namespace(), a.jobId());
      allocs = allocs.plus(a.id(), stored);
      // Client updates and most plan updates keep an allocation's job, node and eval: no index moves.
      if (existing == null || !existing.jobId().equals(a.jobId()) || !existing.namespace().equals(a.namespace())) {
        allocsByJob = addTo(allocsByJob, jk, a.id());
      }
      if (existing == null || !existing.nodeId().equals(a.nodeId())) {
        allocsByNode = addTo(allocsByNode, a.nodeId(), a.id());
      }
      if (existing == null || !existing.evalId().equals(a.evalId())) {
        if (existing != null) {
          allocsByEval = removeFrom(allocsByEval, existing.evalId(), a.id());
        }
        allocsByEval = addTo(allocsByEval, a.evalId(), a.id());
      }
      countUsage(existing, stored);
      touchAlloc(idx, stored);
      changes.add(new RowChange(Table.ALLOCS, a.id(), stored));
      jobsTouched.add(jk);
      countAlloc(jk, existing, stored, summaryEdits);
    }
    for (Map.Entry<JobKey, Map<String, TaskGroupSummary>> e : summaryEdits.entrySet()) {
      JobSummary s = summaries.get(e.getKey());
      putSummary(idx, e.getKey(), new JobSummary(s.jobId(), s.namespace(), Map.copyOf(e.getValue()),
          s.children(), s.createIndex(), idx));
    }
    for (JobKey jk : jobsTouched) {
      refreshJobStatus(idx, jk, false);
    }
  }

  private void touchAlloc(long idx, Allocation a) {
    touch(idx, Table.ALLOCS, WatchKey.job(Table.ALLOCS, new JobKey(a.namespace(), a.jobId())));
    touchedKeys.add(WatchKey.id(Table.ALLOCS, a.id()));
    touchedKeys.add(WatchKey.node(Table.ALLOCS, a.nodeId()));
    touchedKeys.add(WatchKey.eval(Table.ALLOCS, a.evalId()));
  }

  /** Summary counters for one alloc change (spec §9.2); only the current incarnation counts. */
  private void countAlloc(JobKey jk, Allocation existing, Allocation a,
      Map<JobKey, Map<String, TaskGroupSummary>> edits) {
    JobSummary s = summaries.get(jk);
    if (s == null || a.job() == null || a.job().createIndex() == null
        || a.job().createIndex() != s.createIndex()) {
      return;
    }
    Map<String, TaskGroupSummary> groups = edits.computeIfAbsent(jk, k -> new LinkedHashMap<>(s.summary()));
    TaskGroupSummary tg = groups.get(a.taskGroup());
    if (tg == null) {
      return;
    }
    int queued = tg.queued();
    int complete = tg.complete();
    int failed = tg.failed();
    int running = tg.running();
    int starting = tg.starting();
    int lost = tg.lost();
    if (existing == null) {
      if (Allocation.DESIRED_STOP.equals(a.desiredStatus()) || Allocation.DESIRED_EVICT.equals(a.desiredStatus())) {
        return;
      }
      if (Allocation.CLIENT_PENDING.equals(a.clientStatus())) {
        starting++;
        if (queued > 0) {
          queued--;
        }
      }
    } else if (!existing.clientStatus().equals(a.clientStatus())) {
      switch (a.clientStatus()) {
        case Allocation.CLIENT_RUNNING -> running++;
        case Allocation.CLIENT_FAILED -> failed++;
        case Allocation.CLIENT_PENDING -> starting++;
        case Allocation.CLIENT_COMPLETE -> complete++;
        case Allocation.CLIENT_LOST -> lost++;
        default -> { }
      }
      switch (existing.clientStatus()) {
        case Allocation.CLIENT_RUNNING -> running--;
        case Allocation.CLIENT_PENDING -> starting--;
        case Allocation.CLIENT_LOST -> lost--;
        default -> { }
      }
    } else {
      return;
    }
    groups.put(a.taskGroup(), new TaskGroupSummary(queued, complete, failed, Math.max(0, running),
        Math.max(0, starting), Math.max(0, lost)));
  }

  /** Moves the node's usage from {@code before} to {@code after} (either may be null or terminal). */
  private void countUsage(Allocation before, Allocation after) {
    if (before != null && after != null && before.terminal() == after.terminal()
        && before.resources() == after.resources() && before.nodeId().equals(after.nodeId())) {
      return;
    }
    if (before != null && !before.terminal()) {
      usageByNode = usageByNode.plus(before.nodeId(), usage(before.nodeId()).minus(before));
    }
    if (after != null && !after.terminal()) {
      usageByNode = usageByNode.plus(after.nodeId(), usage(after.nodeId()).plus(after));
    }
  }

  private NodeUsage usage(String nodeId) {
    NodeUsage u = usageByNode.get(nodeId);
    return u == null ? NodeUsage.EMPTY : u;
  }

  /**
   * Nomad's {@code updateDeploymentWithAlloc}: a placement counts as placed, the first health
   * verdict as healthy or unhealthy, and healthy→unhealthy moves one count (spec §2.2: the
   * deployment table moves only when a counter does). Returns the alloc with its deployment
   * status stamped at {@code idx} when its health was counted.
   */
  private Allocation countDeployment(long idx, Allocation existing, Allocation a) {
    if (a.deploymentId() == null || a.deploymentId().isEmpty()) {
      return a;
    }
    Deployment d = deployments.get(a.deploymentId());
    if (d == null || d.taskGroups() == null || !d.taskGroups().containsKey(a.taskGroup())) {
      return a;
    }
    int placed = 0;
    int healthy = 0;
    int unhealthy = 0;
    boolean hadHealth = existing != null && existing.deploymentStatus() != null
        && existing.deploymentStatus().healthy() != null;
    boolean hasHealth = a.deploymentStatus() != null && a.deploymentStatus().healthy() != null;
    if (existing == null || !a.deploymentId().equals(existing.deploymentId())) {
      placed++;
    } else if (!hadHealth && hasHealth) {
      if (a.deploymentStatus().healthy()) {
        healthy++;
      } else {
        unhealthy++;
      }
    } else if (hadHealth && hasHealth && existing.deploymentStatus().healthy() && !a.deploymentStatus().healthy()) {
      healthy--;
      unhealthy++;
    }
    if (placed == 0 && healthy == 0 && unhealthy == 0) {
      return a;
    }
    Allocation out = a;
    if (a.deploymentStatus() != null && healthy + unhealthy != 0) {
      AllocDeploymentStatus ds = a.deploymentStatus();
      AllocBuilder b = AllocBuilder.from(a);
      b.deploymentStatus = new AllocDeploymentStatus(ds.healthy(), ds.timestamp(), ds.canary(), idx);
      out = b.build();
    }
    DeploymentState st = d.taskGroups().get(a.taskGroup());
    Instant requireBy = st.requireProgressBy();
    if (st.progressDeadline() != 0) {
      if (placed != 0 && (requireBy == null || requireBy.equals(io.jobgate.structs.GoTime.ZERO))) {
        requireBy = Instant.ofEpochSecond(0, a.modifyTime()).plusNanos(st.progressDeadline());
      } else if (healthy != 0 && a.deploymentStatus().timestamp() != null) {
        Instant by = a.deploymentStatus().timestamp().plusNanos(st.progressDeadline());
        if (requireBy == null || by.isAfter(requireBy)) {
          requireBy = by;
        }
      }
    }
    Map<String, DeploymentState> groups = new LinkedHashMap<>(d.taskGroups());
    groups.put(a.taskGroup(), new DeploymentState(st.autoRevert(), st.progressDeadline(), requireBy, st.promoted(),
        st.placedCanaries(), st.desiredCanaries(), st.desiredTotal(), st.placedAllocs() + placed,
        st.healthyAllocs() + healthy, st.unhealthyAllocs() + unhealthy));
    upsertDeployment(idx, new Deployment(d.id(), d.namespace(), d.jobId(), d.jobVersion(), d.jobModifyIndex(),
        d.jobSpecModifyIndex(), d.jobCreateIndex(), Map.copyOf(groups), d.status(), d.statusDescription(),
        d.createIndex(), idx));
    return out;
  }

  // ---------------------------------------------------------------- nodes

  /** Registers or updates a node at {@code idx}. */
  public Node upsertNode(long idx, Node node) {
    Node existing = nodes.get(node.id());
    Node stored = node.withIndexes(existing == null ? idx : existing.createIndex(), idx);
    nodes = nodes.plus(node.id(), stored);
    touch(idx, Table.NODES, WatchKey.id(Table.NODES, node.id()));
    changes.add(new RowChange(Table.NODES, node.id(), stored));
    return stored;
  }

  // ---------------------------------------------------------------- periodic launches

  /** Records when a periodic job launched (spec §11); the row keeps its CreateIndex across launches. */
  public void upsertPeriodicLaunch(long idx, String namespace, String id, Instant launch) {
    JobKey key = new JobKey(namespace, id);
    PeriodicLaunch existing = periodicLaunches.get(key);
    PeriodicLaunch stored = new PeriodicLaunch(id, namespace, launch, existing == null ? idx : existing.createIndex(),
        idx);
    periodicLaunches = periodicLaunches.plus(key, stored);
    touch(idx, Table.PERIODIC_LAUNCH, WatchKey.job(Table.PERIODIC_LAUNCH, key));
    changes.add(new RowChange(Table.PERIODIC_LAUNCH, key.toString(), stored));
  }

  /** Forgets a job's launches; purge does this whether or not the job was periodic (spec §7.10). */
  private void deletePeriodicLaunch(long idx, JobKey key) {
    if (!periodicLaunches.containsKey(key)) {
      return;
    }
    periodicLaunches = periodicLaunches.minus(key);
    touch(idx, Table.PERIODIC_LAUNCH, WatchKey.job(Table.PERIODIC_LAUNCH, key));
    changes.add(new RowChange(Table.PERIODIC_LAUNCH, key.toString(), null));
  }

  // ---------------------------------------------------------------- deployments

  public void upsertDeployment(long idx, Deployment d) {
    Deployment existing = deployments.get(d.id());
    Deployment stored = new Deployment(d.id(), d.namespace(), d.jobId(), d.jobVersion(), d.jobModifyIndex(),
        d.jobSpecModifyIndex(), d.jobCreateIndex(), d.taskGroups(), d.status(), d.statusDescription(),
        existing == null ? idx : existing.createIndex(), idx);
    JobKey jk = new JobKey(d.namespace(), d.jobId());
    deployments = deployments.plus(d.id(), stored);
    deploymentsByJob = addTo(deploymentsByJob, jk, d.id());
    touch(idx, Table.DEPLOYMENT, WatchKey.job(Table.DEPLOYMENT, jk));
    touchedKeys.add(WatchKey.id(Table.DEPLOYMENT, d.id()));
    changes.add(new RowChange(Table.DEPLOYMENT, d.id(), stored));
  }

  /** Deletes deployments, as garbage collection does. */
  public void deleteDeployments(long idx, List<String> ids) {
    for (String id : ids) {
      Deployment d = deployments.get(id);
      if (d == null) {
        continue;
      }
      JobKey jk = new JobKey(d.namespace(), d.jobId());
      deployments = deployments.minus(id);
      deploymentsByJob = removeFrom(deploymentsByJob, jk, id);
      touch(idx, Table.DEPLOYMENT, WatchKey.job(Table.DEPLOYMENT, jk));
      touchedKeys.add(WatchKey.id(Table.DEPLOYMENT, id));
      changes.add(new RowChange(Table.DEPLOYMENT, id, null));
    }
  }

  // ---------------------------------------------------------------- ACLs and namespaces

  /** Writes and reads of ACL policies, tokens and namespaces within this write. */
  public AclWriter acl() {
    return new AclWriter(this);
  }

  // ---------------------------------------------------------------- bookkeeping

  void touch(long idx, Table table, WatchKey rowKey) {
    tableIndexes[table.ordinal()] = idx;
    touchedTables.add(table);
    touchedKeys.add(WatchKey.table(table));
    touchedKeys.add(rowKey);
  }

  private static <K> PMap<K, PSet<String>> addTo(PMap<K, PSet<String>> index, K key, String id) {
    PSet<String> set = index.get(key);
    if (set != null && set.contains(id)) {
      return index;
    }
    return index.plus(key, (set == null ? TreePSet.<String>empty() : set).plus(id));
  }

  private static <K> PMap<K, PSet<String>> removeFrom(PMap<K, PSet<String>> index, K key, String id) {
    PSet<String> set = index.get(key);
    if (set == null || !set.contains(id)) {
      return index;
    }
    PSet<String> rest = set.minus(id);
    return rest.isEmpty() ? index.minus(key) : index.plus(key, rest);
  }

  private static Set<String> setOf(PSet<String> s) {
    return s == null ? Set.of() : s;
  }
}
