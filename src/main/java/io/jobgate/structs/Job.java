package io.jobgate.structs;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Nomad job as stored and returned (spec §3.1), in wire order. Scalars are boxed because a
 * submitted job distinguishes "unset" from zero until canonicalisation fills the defaults (§4);
 * a stored job has every field set.
 *
 * <p>{@code Reschedule} and {@code Migrate} are job-level inputs only: canonicalisation pushes them
 * into each group, and they are never written back out.
 */
public record Job(
    Boolean stop,
    String region,
    String namespace,
    @JsonProperty("ID") String id,
    @JsonProperty("ParentID") String parentId,
    String name,
    String type,
    Integer priority,
    Boolean allAtOnce,
    List<String> datacenters,
    List<Constraint> constraints,
    List<TaskGroup> taskGroups,
    UpdateStrategy update,
    PeriodicConfig periodic,
    ParameterizedJobConfig parameterizedJob,
    Boolean dispatched,
    byte[] payload,
    Map<String, String> meta,
    String vaultToken,
    String status,
    String statusDescription,
    Boolean stable,
    Long version,
    Long submitTime,
    Long createIndex,
    Long modifyIndex,
    Long jobModifyIndex,
    @JsonProperty(value = "Reschedule", access = JsonProperty.Access.WRITE_ONLY) ReschedulePolicy reschedule,
    @JsonProperty(value = "Migrate", access = JsonProperty.Access.WRITE_ONLY) MigrateStrategy migrate) {

  public static final String TYPE_SERVICE = "service";
  public static final String TYPE_BATCH = "batch";
  public static final String TYPE_SYSTEM = "system";
  public static final String TYPE_CORE = "_core";

  public static final String STATUS_PENDING = "pending";
  public static final String STATUS_RUNNING = "running";
  public static final String STATUS_DEAD = "dead";

  /** Nomad's {@code JobTrackedVersions}: how many versions of a job the history keeps (§8.3). */
  public static final int TRACKED_VERSIONS = 6;

  public boolean stopped() {
    return Boolean.TRUE.equals(stop);
  }

  /** A periodic job, enabled or not: only "present" matters for evals and transitions (§6 step 10). */
  public boolean periodicJob() {
    return periodic != null;
  }

  /**
   * Nomad's {@code IsPeriodicActive}: a job the periodic launcher runs (§11). A parameterized
   * parent is not; its dispatched children, which keep the periodic block, are.
   */
  public boolean periodicActive() {
    return periodic != null && periodic.enabledOrFalse() && !stopped() && !parameterizedParent();
  }

  /** A parameterized parent (a dispatched child keeps the block but is not a parent, §10). */
  public boolean parameterizedParent() {
    return parameterizedJob != null && !Boolean.TRUE.equals(dispatched);
  }

  public boolean dispatchedChild() {
    return Boolean.TRUE.equals(dispatched);
  }

  public boolean stableVersion() {
    return Boolean.TRUE.equals(stable);
  }

  public long versionOrZero() {
    return version == null ? 0 : version;
  }

  public TaskGroup lookupTaskGroup(String groupName) {
    if (taskGroups == null) {
      return null;
    }
    for (TaskGroup tg : taskGroups) {
      if (tg.name() != null && tg.name().equals(groupName)) {
        return tg;
      }
    }
    return null;
  }

  /**
   * Spec-change detection (§6 step 8): equal after ignoring the bookkeeping fields the server
   * owns. Order-sensitive, as Nomad's deep comparison is.
   */
  public boolean sameSpecAs(Job other) {
    return other != null && withoutBookkeeping().equals(other.withoutBookkeeping());
  }

  private Job withoutBookkeeping() {
    return new Job(stop, region, namespace, id, parentId, name, type, priority, allAtOnce, datacenters,
        constraints, taskGroups, update, periodic, parameterizedJob, dispatched, payload, meta, vaultToken,
        null, null, null, null, null, null, null, null, reschedule, migrate);
  }

  public Job withStatus(String newStatus, long newModifyIndex) {
    return new Job(stop, region, namespace, id, parentId, name, type, priority, allAtOnce, datacenters,
        constraints, taskGroups, update, periodic, parameterizedJob, dispatched, payload, meta, vaultToken,
        newStatus, statusDescription, stable, version, submitTime, createIndex, newModifyIndex, jobModifyIndex,
        reschedule, migrate);
  }

  public Job withStable(boolean newStable, long newModifyIndex) {
    return new Job(stop, region, namespace, id, parentId, name, type, priority, allAtOnce, datacenters,
        constraints, taskGroups, update, periodic, parameterizedJob, dispatched, payload, meta, vaultToken,
        status, statusDescription, newStable, version, submitTime, createIndex, newModifyIndex, jobModifyIndex,
        reschedule, migrate);
  }

  public Job withStop(boolean newStop) {
    return new Job(newStop, region, namespace, id, parentId, name, type, priority, allAtOnce, datacenters,
        constraints, taskGroups, update, periodic, parameterizedJob, dispatched, payload, meta, vaultToken,
        status, statusDescription, stable, version, submitTime, createIndex, modifyIndex, jobModifyIndex,
        reschedule, migrate);
  }

  public Job withSubmitTime(long newSubmitTime) {
    return new Job(stop, region, namespace, id, parentId, name, type, priority, allAtOnce, datacenters,
        constraints, taskGroups, update, periodic, parameterizedJob, dispatched, payload, meta, vaultToken,
        status, statusDescription, stable, version, newSubmitTime, createIndex, modifyIndex, jobModifyIndex,
        reschedule, migrate);
  }

  /** The row as committed at {@code index}: version, indexes and status set by the store. */
  public Job committed(long newVersion, long newCreateIndex, long index, String newStatus, boolean newStable) {
    return new Job(stop, region, namespace, id, parentId, name, type, priority, allAtOnce, datacenters,
        constraints, taskGroups, update, periodic, parameterizedJob, dispatched, payload, meta, "",
        newStatus, "", newStable, newVersion, submitTime, newCreateIndex, index, index, null, null);
  }

  /** A derived child (dispatch or periodic launch, §10, §11). */
  public Job asChild(String childId, PeriodicConfig childPeriodic, boolean childDispatched, byte[] childPayload,
      Map<String, String> childMeta, long childSubmitTime) {
    return new Job(false, region, namespace, childId, id, childId, type, priority, allAtOnce, datacenters,
        constraints, taskGroups, update, childPeriodic, parameterizedJob, childDispatched, childPayload, childMeta,
        "", null, "", false, null, childSubmitTime, null, null, null, null, null);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Job j)) {
      return false;
    }
    return Objects.equals(stop, j.stop) && Objects.equals(region, j.region)
        && Objects.equals(namespace, j.namespace) && Objects.equals(id, j.id)
        && Objects.equals(parentId, j.parentId) && Objects.equals(name, j.name)
        && Objects.equals(type, j.type) && Objects.equals(priority, j.priority)
        && Objects.equals(allAtOnce, j.allAtOnce) && Objects.equals(datacenters, j.datacenters)
        && Objects.equals(constraints, j.constraints) && Objects.equals(taskGroups, j.taskGroups)
        && Objects.equals(update, j.update) && Objects.equals(periodic, j.periodic)
        && Objects.equals(parameterizedJob, j.parameterizedJob) && Objects.equals(dispatched, j.dispatched)
        && Arrays.equals(payload, j.payload) && Objects.equals(meta, j.meta)
        && Objects.equals(vaultToken, j.vaultToken) && Objects.equals(status, j.status)
        && Objects.equals(statusDescription, j.statusDescription) && Objects.equals(stable, j.stable)
        && Objects.equals(version, j.version) && Objects.equals(submitTime, j.submitTime)
        && Objects.equals(createIndex, j.createIndex) && Objects.equals(modifyIndex, j.modifyIndex)
        && Objects.equals(jobModifyIndex, j.jobModifyIndex) && Objects.equals(reschedule, j.reschedule)
        && Objects.equals(migrate, j.migrate);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, namespace, version, modifyIndex, Arrays.hashCode(payload));
  }

  @Override
  public String toString() {
    return "Job[" + namespace + "/" + id + " v" + version + " @" + modifyIndex + "]";
  }
}
