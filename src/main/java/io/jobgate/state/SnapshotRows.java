package io.jobgate.state;

import io.jobgate.structs.AclBootstrap;
import io.jobgate.structs.AclPolicy;
import io.jobgate.structs.AclToken;
import io.jobgate.structs.Allocation;
import io.jobgate.structs.Deployment;
import io.jobgate.structs.Evaluation;
import io.jobgate.structs.Job;
import io.jobgate.structs.JobSummary;
import io.jobgate.structs.Namespace;
import io.jobgate.structs.Node;
import io.jobgate.structs.PeriodicLaunch;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.pcollections.HashTreePMap;
import org.pcollections.HashTreePSet;
import org.pcollections.PMap;
import org.pcollections.PSet;
import org.pcollections.PVector;
import org.pcollections.TreePMap;
import org.pcollections.TreePVector;

/**
 * A snapshot as a flat list of rows and back: what the journal stores and a restart or an
 * operator snapshot reads. Only primary rows are stored; the secondary indexes (evals by job,
 * allocs by node …) are rebuilt here.
 *
 * <p>A new table plugs in with a line in {@link #forEach}, a case and a task in {@link #build}, next to its
 * value class in {@code persist.RowCodec}. Node usage is derived, not stored: it is summed again
 * from the non-terminal allocations.
 */
public final class SnapshotRows {

  private SnapshotRows() {
  }

  /** Every row of {@code s}, table by table, as upserts. */
  public static void forEach(StateSnapshot s, Consumer<RowChange> out) {
    s.jobs.forEach((k, v) -> out.accept(new RowChange(Table.JOBS, k.toString(), v)));
    s.versions.forEach((k, v) -> out.accept(new RowChange(Table.JOB_VERSION, k.toString(), v)));
    s.summaries.forEach((k, v) -> out.accept(new RowChange(Table.JOB_SUMMARY, k.toString(), v)));
    s.evals.forEach((k, v) -> out.accept(new RowChange(Table.EVALS, k, v)));
    s.allocs.forEach((k, v) -> out.accept(new RowChange(Table.ALLOCS, k, v)));
    s.deployments.forEach((k, v) -> out.accept(new RowChange(Table.DEPLOYMENT, k, v)));
    s.periodicLaunches.forEach((k, v) -> out.accept(new RowChange(Table.PERIODIC_LAUNCH, k.toString(), v)));
    s.acl.policies.forEach((k, v) -> out.accept(new RowChange(Table.ACL_POLICIES, k, v)));
    s.acl.tokens.forEach((k, v) -> out.accept(new RowChange(Table.ACL_TOKENS, k, v)));
    s.acl.namespaces.forEach((k, v) -> out.accept(new RowChange(Table.NAMESPACES, k, v)));
    s.nodes.forEach((k, v) -> out.accept(new RowChange(Table.NODES, k, v)));
    if (s.acl.bootstrap != null) {
      out.accept(new RowChange(Table.ACL_BOOTSTRAP, AclWriter.BOOTSTRAP_KEY, s.acl.bootstrap));
    }
  }

  /**
   * Rebuilds a snapshot from its rows (any order) and its indexes. Each map and secondary index is
   * built by its own task, in parallel: on restart this is the part that cannot overlap decoding.
   */
  public static StateSnapshot build(long index, long[] tableIndexes, Iterable<RowChange> rows) {
    Map<Table, List<Object>> byTable = new EnumMap<>(Table.class);
    for (RowChange r : rows) {
      byTable.computeIfAbsent(r.table(), t -> new ArrayList<>()).add(r.value());
    }
    Parts p = new Parts();
    List<Runnable> tasks = List.of(
        () -> p.jobs = sorted(values(byTable, Table.JOBS, Job.class), j -> new JobKey(j.namespace(), j.id())),
        () -> p.versions = hashed(values(byTable, Table.JOB_VERSION, List.class), SnapshotRows::versionKey,
            SnapshotRows::history),
        () -> p.summaries = hashed(values(byTable, Table.JOB_SUMMARY, JobSummary.class),
            s -> new JobKey(s.namespace(), s.jobId()), s -> s),
        () -> p.evals = sorted(values(byTable, Table.EVALS, Evaluation.class), Evaluation::id),
        () -> p.evalsByJob = index(values(byTable, Table.EVALS, Evaluation.class),
            e -> new JobKey(e.namespace(), e.jobId()), Evaluation::id),
        () -> p.allocs = sorted(values(byTable, Table.ALLOCS, Allocation.class), Allocation::id),
        () -> p.allocsByJob = index(values(byTable, Table.ALLOCS, Allocation.class),
            a -> new JobKey(a.namespace(), a.jobId()), Allocation::id),
        () -> p.allocsByNode = index(values(byTable, Table.ALLOCS, Allocation.class), Allocation::nodeId,
            Allocation::id),
        () -> p.allocsByEval = index(values(byTable, Table.ALLOCS, Allocation.class), Allocation::evalId,
            Allocation::id),
        () -> p.deployments = sorted(values(byTable, Table.DEPLOYMENT, Deployment.class), Deployment::id),
        () -> p.deploymentsByJob = index(values(byTable, Table.DEPLOYMENT, Deployment.class),
            d -> new JobKey(d.namespace(), d.jobId()), Deployment::id),
        () -> p.periodicLaunches = hashed(values(byTable, Table.PERIODIC_LAUNCH, PeriodicLaunch.class),
            l -> new JobKey(l.namespace(), l.id()), l -> l),
        () -> p.nodes = sorted(values(byTable, Table.NODES, Node.class), Node::id),
        () -> p.usageByNode = usage(values(byTable, Table.ALLOCS, Allocation.class)),
        () -> {
          List<AclBootstrap> mark = values(byTable, Table.ACL_BOOTSTRAP, AclBootstrap.class);
          p.acl = AclTables.of(values(byTable, Table.ACL_POLICIES, AclPolicy.class),
              values(byTable, Table.ACL_TOKENS, AclToken.class), values(byTable, Table.NAMESPACES, Namespace.class),
              mark.isEmpty() ? null : mark.get(0));
        });
    tasks.parallelStream().forEach(Runnable::run);
    return new StateSnapshot(index, tableIndexes.clone(), p.jobs, p.versions, p.summaries, p.evals, p.evalsByJob,
        p.allocs, p.allocsByJob, p.allocsByNode, p.allocsByEval, p.deployments, p.deploymentsByJob, p.periodicLaunches,
        p.acl, p.nodes, p.usageByNode);
  }

  /** What each node's non-terminal allocations use, as the writer keeps it on every alloc write. */
  private static PMap<String, NodeUsage> usage(List<Allocation> allocs) {
    Map<String, NodeUsage> byNode = new HashMap<>();
    for (Allocation a : allocs) {
      if (!a.terminal()) {
        byNode.merge(a.nodeId(), NodeUsage.EMPTY.plus(a), (u, x) -> u.plus(a));
      }
    }
    return HashTreePMap.from(byNode);
  }

  /** The snapshot's maps while they are built; each field is written by one task. */
  private static final class Parts {
    TreePMap<JobKey, Job> jobs;
    PMap<JobKey, PVector<Job>> versions;
    PMap<JobKey, JobSummary> summaries;
    TreePMap<String, Evaluation> evals;
    PMap<JobKey, PSet<String>> evalsByJob;
    TreePMap<String, Allocation> allocs;
    PMap<JobKey, PSet<String>> allocsByJob;
    PMap<String, PSet<String>> allocsByNode;
    PMap<String, PSet<String>> allocsByEval;
    TreePMap<String, Deployment> deployments;
    PMap<JobKey, PSet<String>> deploymentsByJob;
    PMap<JobKey, PeriodicLaunch> periodicLaunches;
    AclTables acl;
    TreePMap<String, Node> nodes;
    PMap<String, NodeUsage> usageByNode;
  }

  /** The values of one table, checked to be what the table holds. */
  private static <V> List<V> values(Map<Table, List<Object>> byTable, Table table, Class<V> type) {
    List<Object> vs = byTable.getOrDefault(table, List.of());
    List<V> out = new ArrayList<>(vs.size());
    for (Object v : vs) {
      out.add(type.cast(v));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static PVector<Job> history(List<?> versions) {
    return TreePVector.from((List<Job>) versions);
  }

  private static JobKey versionKey(List<?> history) {
    Job newest = (Job) history.get(0);
    return new JobKey(newest.namespace(), newest.id());
  }

  private static <K extends Comparable<K>, V> TreePMap<K, V> sorted(List<V> values, Function<V, K> key) {
    TreeMap<K, V> m = new TreeMap<>();
    for (V v : values) {
      m.put(key.apply(v), v);
    }
    return TreePMap.fromSortedMap(m);
  }

  private static <K, R, V> PMap<K, V> hashed(List<R> rows, Function<R, K> key, Function<R, V> value) {
    Map<K, V> m = new HashMap<>(rows.size() * 2);
    for (R r : rows) {
      m.put(key.apply(r), value.apply(r));
    }
    return HashTreePMap.from(m);
  }

  private static <K, V> PMap<K, PSet<String>> index(List<V> values, Function<V, K> key, Function<V, String> id) {
    Map<K, Set<String>> m = new HashMap<>();
    for (V v : values) {
      m.computeIfAbsent(key.apply(v), k -> new HashSet<>()).add(id.apply(v));
    }
    Map<K, PSet<String>> out = new HashMap<>(m.size() * 2);
    m.forEach((k, v) -> out.put(k, HashTreePSet.from(v)));
    return HashTreePMap.from(out);
  }
}
