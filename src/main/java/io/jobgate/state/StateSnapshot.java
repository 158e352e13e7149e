package io.jobgate.state;

import io.jobgate.structs.Allocation;
import io.jobgate.structs.Deployment;
import io.jobgate.structs.Evaluation;
import io.jobgate.structs.Job;
import io.jobgate.structs.JobSummary;
import io.jobgate.structs.Node;
import io.jobgate.structs.PeriodicLaunch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.pcollections.PMap;
import org.pcollections.PSet;
import org.pcollections.PVector;
import org.pcollections.TreePMap;

/**
 * An immutable view of the whole store at one index. Built from persistent maps, so a new
 * snapshot shares everything the write did not touch, and any thread may read it without locks.
 */
public final class StateSnapshot {

  final long index;
  final long[] tableIndexes;
  final TreePMap<JobKey, Job> jobs;
  /** Newest version first, at most {@link Job#TRACKED_VERSIONS}. */
  final PMap<JobKey, PVector<Job>> versions;
  final PMap<JobKey, JobSummary> summaries;
  final TreePMap<String, Evaluation> evals;
  final PMap<JobKey, PSet<String>> evalsByJob;
  final TreePMap<String, Allocation> allocs;
  final PMap<JobKey, PSet<String>> allocsByJob;
  final PMap<String, PSet<String>> allocsByNode;
  final PMap<String, PSet<String>> allocsByEval;
  final TreePMap<String, Deployment> deployments;
  final PMap<JobKey, PSet<String>> deploymentsByJob;
  final PMap<JobKey, PeriodicLaunch> periodicLaunches;
  final AclTables acl;
  final TreePMap<String, Node> nodes;
  /** Derived from allocs: what each node's non-terminal allocations use (see {@link NodeUsage}). */
  final PMap<String, NodeUsage> usageByNode;

  StateSnapshot(long index, long[] tableIndexes, TreePMap<JobKey, Job> jobs, PMap<JobKey, PVector<Job>> versions,
      PMap<JobKey, JobSummary> summaries, TreePMap<String, Evaluation> evals, PMap<JobKey, PSet<String>> evalsByJob,
      TreePMap<String, Allocation> allocs, PMap<JobKey, PSet<String>> allocsByJob,
      PMap<String, PSet<String>> allocsByNode, PMap<String, PSet<String>> allocsByEval,
      TreePMap<String, Deployment> deployments, PMap<JobKey, PSet<String>> deploymentsByJob,
      PMap<JobKey, PeriodicLaunch> periodicLaunches, AclTables acl, TreePMap<String, Node> nodes,
      PMap<String, NodeUsage> usageByNode) {
    this.index = index;
    this.tableIndexes = tableIndexes;
    this.jobs = jobs;
    this.versions = versions;
    this.summaries = summaries;
    this.evals = evals;
    this.evalsByJob = evalsByJob;
    this.allocs = allocs;
    this.allocsByJob = allocsByJob;
    this.allocsByNode = allocsByNode;
    this.allocsByEval = allocsByEval;
    this.deployments = deployments;
    this.deploymentsByJob = deploymentsByJob;
    this.periodicLaunches = periodicLaunches;
    this.acl = acl;
    this.nodes = nodes;
    this.usageByNode = usageByNode;
  }

  /**
   * The empty store starts at index 1, like a Raft log whose first entry is its bootstrap: reads
   * never report an index below 1 (Consul's rule against spinning clients), so the first real
   * write must land above it or a watcher holding 1 would miss it.
   */
  public static StateSnapshot empty() {
    return new StateSnapshot(1, new long[Table.values().length], TreePMap.empty(), TreePMap.empty(),
        TreePMap.empty(), TreePMap.empty(), TreePMap.empty(), TreePMap.empty(), TreePMap.empty(),
        TreePMap.empty(), TreePMap.empty(), TreePMap.empty(), TreePMap.empty(), TreePMap.empty(),
        AclTables.EMPTY, TreePMap.empty(), TreePMap.empty());
  }

  /**
   * This state with {@code op}'s writes applied, seen by nobody else: nothing is committed,
   * published or journaled. Plan uses it as Nomad uses its in-memory copy of the state (§12.1).
   */
  public StateSnapshot speculate(Consumer<StateWriter> op) {
    StateWriter w = new StateWriter(this);
    op.accept(w);
    return w.build();
  }

  /**
   * This state as restored at {@code restoreIndex}: rows keep their own indexes, while the global
   * index and every table index move to the restore, so no client sees an index go backwards and
   * every watcher's data counts as changed.
   */
  StateSnapshot restoredAt(long restoreIndex) {
    long[] tables = new long[tableIndexes.length];
    Arrays.fill(tables, restoreIndex);
    return new StateSnapshot(restoreIndex, tables, jobs, versions, summaries, evals, evalsByJob, allocs, allocsByJob,
        allocsByNode, allocsByEval, deployments, deploymentsByJob, periodicLaunches, acl, nodes, usageByNode);
  }

  /** The global index: the index of the last committed write. */
  public long index() {
    return index;
  }

  /** Index of the last write that touched {@code table}, 0 if never written. */
  public long tableIndex(Table table) {
    return tableIndexes[table.ordinal()];
  }

  public Job job(JobKey key) {
    return jobs.get(key);
  }

  /** Jobs of one namespace whose ID starts with {@code prefix}, ascending by ID. */
  public List<Job> jobsByPrefix(String namespace, String prefix) {
    List<Job> out = new ArrayList<>();
    for (Map.Entry<JobKey, Job> e : jobs.tailMap(new JobKey(namespace, prefix)).entrySet()) {
      JobKey k = e.getKey();
      if (!k.namespace().equals(namespace) || !k.id().startsWith(prefix)) {
        break;
      }
      out.add(e.getValue());
    }
    return out;
  }

  public Iterable<Job> allJobs() {
    return jobs.values();
  }

  public int jobCount() {
    return jobs.size();
  }

  /** A job's stored versions, newest first; empty when none. */
  public List<Job> jobVersions(JobKey key) {
    PVector<Job> v = versions.get(key);
    return v == null ? List.of() : v;
  }

  public Job jobVersion(JobKey key, long version) {
    for (Job j : jobVersions(key)) {
      if (j.versionOrZero() == version) {
        return j;
      }
    }
    return null;
  }

  public JobSummary jobSummary(JobKey key) {
    return summaries.get(key);
  }

  public Evaluation eval(String id) {
    return evals.get(id);
  }

  public Iterable<Evaluation> allEvals() {
    return evals.values();
  }

  public int evalCount() {
    return evals.size();
  }

  public List<Evaluation> evalsByJob(JobKey key) {
    return lookup(evalsByJob.get(key), evals);
  }

  public Allocation alloc(String id) {
    return allocs.get(id);
  }

  public Iterable<Allocation> allAllocs() {
    return allocs.values();
  }

  public int allocCount() {
    return allocs.size();
  }

  public List<Allocation> allocsByJob(JobKey key) {
    return lookup(allocsByJob.get(key), allocs);
  }

  public List<Allocation> allocsByNode(String nodeId) {
    return lookup(allocsByNode.get(nodeId), allocs);
  }

  public List<Allocation> allocsByEval(String evalId) {
    return lookup(allocsByEval.get(evalId), allocs);
  }

  public Deployment deployment(String id) {
    return deployments.get(id);
  }

  public Iterable<Deployment> allDeployments() {
    return deployments.values();
  }

  public int deploymentCount() {
    return deployments.size();
  }

  public List<Deployment> deploymentsByJob(JobKey key) {
    return lookup(deploymentsByJob.get(key), deployments);
  }

  /** ACL policies and tokens, namespaces, and the bootstrap mark. */
  public AclTables acl() {
    return acl;
  }

  /** The job's deployment with the highest CreateIndex, or null (spec §7.8). */
  public Deployment latestDeployment(JobKey key) {
    Deployment latest = null;
    for (Deployment d : deploymentsByJob(key)) {
      if (latest == null || d.createIndex() > latest.createIndex()) {
        latest = d;
      }
    }
    return latest;
  }

  public Node node(String id) {
    return nodes.get(id);
  }

  /** Every node, ascending by ID. */
  public Iterable<Node> allNodes() {
    return nodes.values();
  }

  public int nodeCount() {
    return nodes.size();
  }

  /**
   * A token for the nodes table's content: the same object ({@code ==}) in two snapshots exactly
   * when no node was written in between, even across stores, so derived data can be cached.
   */
  public Object nodesVersion() {
    return nodes;
  }

  /** Nodes whose ID starts with {@code prefix}, ascending by ID. */
  public List<Node> nodesByPrefix(String prefix) {
    List<Node> out = new ArrayList<>();
    for (Node n : nodes.tailMap(prefix).values()) {
      if (!n.id().startsWith(prefix)) {
        break;
      }
      out.add(n);
    }
    return out;
  }

  /** What the node's non-terminal allocations use; {@link NodeUsage#EMPTY} when none. */
  public NodeUsage usage(String nodeId) {
    NodeUsage u = usageByNode.get(nodeId);
    return u == null ? NodeUsage.EMPTY : u;
  }

  /** Evaluations whose ID starts with {@code prefix}, ascending by ID. */
  public List<Evaluation> evalsByPrefix(String prefix) {
    return byPrefix(evals, prefix);
  }

  /** Allocations whose ID starts with {@code prefix}, ascending by ID. */
  public List<Allocation> allocsByPrefix(String prefix) {
    return byPrefix(allocs, prefix);
  }

  /** Deployments whose ID starts with {@code prefix}, ascending by ID. */
  public List<Deployment> deploymentsByPrefix(String prefix) {
    return byPrefix(deployments, prefix);
  }

  private static <V> List<V> byPrefix(TreePMap<String, V> table, String prefix) {
    List<V> out = new ArrayList<>();
    for (Map.Entry<String, V> e : table.tailMap(prefix).entrySet()) {
      if (!e.getKey().startsWith(prefix)) {
        break;
      }
      out.add(e.getValue());
    }
    return out;
  }

  /** When a periodic job last launched, or was registered if it never has (spec §11); null if unknown. */
  public PeriodicLaunch periodicLaunch(JobKey key) {
    return periodicLaunches.get(key);
  }

  private static <V> List<V> lookup(PSet<String> ids, Map<String, V> table) {
    if (ids == null || ids.isEmpty()) {
      return Collections.emptyList();
    }
    List<V> out = new ArrayList<>(ids.size());
    for (String id : ids) {
      V v = table.get(id);
      if (v != null) {
        out.add(v);
      }
    }
    return out;
  }
}
