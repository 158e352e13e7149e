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
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.pcollections.PMap;
import org.pcollections.PSet;
import org.pcollections.PVector;
import org.pcollections.TreePMap;
import org.pcollections.TreePSet;
import org.pcollections.TreePVector;

/**
 * A snapshot as a flat list of rows and back: what the journal stores and a restart or an
 * operator snapshot reads. Only primary rows are stored; the secondary indexes (evals by job,
 * allocs by node …) are rebuilt here.
 *
 * <p>A new table plugs in with a line in {@link #forEach}, its values and a task in {@link #build}, next to
 * its value class in {@code persist.RowCodec}. Node usage is derived, not stored: it is summed again
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
    // Grouped without touching the values: checking each one's type here cost a cache miss per row
    // on one core; the tasks check as they read, in parallel, and read each value anyway.
    List<List<Object>> byTable = new ArrayList<>();
    for (int i = 0; i < Table.values().length; i++) {
      byTable.add(new ArrayList<>());
    }
    for (RowChange r : rows) {
      byTable.get(r.table().ordinal()).add(r.value());
    }
    List<Job> jobs = values(byTable, Table.JOBS, Job.class);
    List<List> versions = values(byTable, Table.JOB_VERSION, List.class);
    List<JobSummary> summaries = values(byTable, Table.JOB_SUMMARY, JobSummary.class);
    List<Evaluation> evals = values(byTable, Table.EVALS, Evaluation.class);
    List<Allocation> allocs = values(byTable, Table.ALLOCS, Allocation.class);
    List<Deployment> deployments = values(byTable, Table.DEPLOYMENT, Deployment.class);
    List<PeriodicLaunch> launches = values(byTable, Table.PERIODIC_LAUNCH, PeriodicLaunch.class);
    List<Node> nodes = values(byTable, Table.NODES, Node.class);
    List<AclBootstrap> bootstrap = values(byTable, Table.ACL_BOOTSTRAP, AclBootstrap.class);
    Parts p = new Parts();
    // Largest first: each thread takes the next task when done, so the cores finish close together.
    List<Runnable> tasks = List.of(
        () -> p.evalsByJob = byJobIndex(evals, e -> new JobKey(e.namespace(), e.jobId()), Evaluation::id),
        () -> p.evals = sorted(evals, Evaluation::id),
        () -> p.versions = byJob(versions, SnapshotRows::versionKey, SnapshotRows::history),
        () -> p.summaries = byJob(summaries, s -> new JobKey(s.namespace(), s.jobId()), s -> s),
        () -> p.allocsByEval = index(allocs, Allocation::evalId, Allocation::id),
        () -> p.allocsByJob = byJobIndex(allocs, a -> new JobKey(a.namespace(), a.jobId()), Allocation::id),
        () -> p.jobs = byJob(jobs, j -> new JobKey(j.namespace(), j.id()), j -> j),
        () -> p.allocs = sorted(allocs, Allocation::id),
        () -> p.allocsByNode = index(allocs, Allocation::nodeId, Allocation::id),
        () -> p.usageByNode = usage(allocs),
        () -> p.deployments = sorted(deployments, Deployment::id),
        () -> p.deploymentsByJob = byJobIndex(deployments, d -> new JobKey(d.namespace(), d.jobId()),
            Deployment::id),
        () -> p.periodicLaunches = byJob(launches, l -> new JobKey(l.namespace(), l.id()), l -> l),
        () -> p.nodes = sorted(nodes, Node::id),
        () -> p.acl = AclTables.of(values(byTable, Table.ACL_POLICIES, AclPolicy.class),
            values(byTable, Table.ACL_TOKENS, AclToken.class), values(byTable, Table.NAMESPACES, Namespace.class),
            bootstrap.isEmpty() ? null : bootstrap.get(0)));
    runAll(tasks);
    return new StateSnapshot(index, tableIndexes.clone(), p.jobs, p.versions, p.summaries, p.evals, p.evalsByJob,
        p.allocs, p.allocsByJob, p.allocsByNode, p.allocsByEval, p.deployments, p.deploymentsByJob, p.periodicLaunches,
        p.acl, p.nodes, p.usageByNode);
  }

  /**
   * Runs the tasks on every core, each thread taking the next task as it finishes one. A parallel
   * stream splits the list into fixed runs of neighbouring tasks, which left one core idle while
   * the other still had the large ones.
   */
  private static void runAll(List<Runnable> tasks) {
    AtomicInteger next = new AtomicInteger();
    Runnable worker = () -> {
      for (int i = next.getAndIncrement(); i < tasks.size(); i = next.getAndIncrement()) {
        tasks.get(i).run();
      }
    };
    List<ForkJoinTask<?>> helpers = new ArrayList<>();
    for (int i = 1; i < Math.min(Runtime.getRuntime().availableProcessors(), tasks.size()); i++) {
      helpers.add(ForkJoinPool.commonPool().submit(worker));
    }
    worker.run();
    helpers.forEach(ForkJoinTask::join);
  }

  /** What each node's non-terminal allocations use, as the writer keeps it on every alloc write. */
  private static PMap<String, NodeUsage> usage(List<Allocation> allocs) {
    Map<String, NodeUsage> byNode = new HashMap<>();
    for (Allocation a : allocs) {
      if (!a.terminal()) {
        byNode.merge(a.nodeId(), NodeUsage.EMPTY.plus(a), (u, x) -> u.plus(a));
      }
    }
    return sorted(new ArrayList<>(byNode.entrySet()), Map.Entry::getKey, Map.Entry::getValue);
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

  /** The values of one table, each checked to be what the table holds as it is read. */
  private static <V> List<V> values(List<List<Object>> byTable, Table table, Class<V> type) {
    List<Object> values = byTable.get(table.ordinal());
    return new AbstractList<>() {
      @Override
      public V get(int i) {
        return type.cast(values.get(i));
      }

      @Override
      public int size() {
        return values.size();
      }
    };
  }

  @SuppressWarnings("unchecked")
  private static PVector<Job> history(List<?> versions) {
    return TreePVector.from((List<Job>) versions);
  }

  private static JobKey versionKey(List<?> history) {
    Job newest = (Job) history.get(0);
    return new JobKey(newest.namespace(), newest.id());
  }

  private static <V> TreePMap<String, V> sorted(List<V> values, Function<V, String> key) {
    return sorted(values, key, v -> v);
  }

  /** The rows as a map by {@code key}, in key order, built in linear time from the sorted rows. */
  private static <R, V> TreePMap<String, V> sorted(List<R> rows, Function<R, String> key, Function<R, V> value) {
    List<Keyed<String, V>> keyed = new ArrayList<>(rows.size());
    for (R r : rows) {
      String k = key.apply(r);
      keyed.add(new Keyed<>(k, k, value.apply(r)));
    }
    return TreePMap.fromSortedMap(new SortedRows<>(sortedUnique(keyed)));
  }

  /** The rows as a map by job, in {@link JobKey} order: namespace by namespace, and by ID within each. */
  private static <R, V> TreePMap<JobKey, V> byJob(List<R> rows, Function<R, JobKey> key, Function<R, V> value) {
    Map<String, List<Keyed<JobKey, V>>> byNamespace = new TreeMap<>();
    for (R r : rows) {
      JobKey k = key.apply(r);
      byNamespace.computeIfAbsent(k.namespace(), n -> new ArrayList<>()).add(new Keyed<>(k.id(), k, value.apply(r)));
    }
    List<Keyed<JobKey, V>> sorted = new ArrayList<>(rows.size());
    for (List<Keyed<JobKey, V>> namespace : byNamespace.values()) {
      sorted.addAll(sortedUnique(namespace));
    }
    return TreePMap.fromSortedMap(new SortedRows<>(sorted));
  }

  /** Sorts the rows by key; of rows with the same key the last one stays, as a map's put would keep it. */
  private static <K, V> List<Keyed<K, V>> sortedUnique(List<Keyed<K, V>> rows) {
    rows.sort(null); // stable: rows with equal keys keep their order
    List<Keyed<K, V>> out = new ArrayList<>(rows.size());
    for (Keyed<K, V> r : rows) {
      if (!out.isEmpty() && out.get(out.size() - 1).compareTo(r) == 0) {
        out.set(out.size() - 1, r);
      } else {
        out.add(r);
      }
    }
    return out;
  }

  /**
   * A row to sort, with the first sixteen characters of its sort key packed in two longs that
   * are compared first. The key strings lie scattered over hundreds of megabytes of decoded rows,
   * and fetching two of them for every comparison was most of the time a sort took; most IDs
   * differ within their first sixteen characters (eight were too few for {@code alloc-12345}).
   */
  private static final class Keyed<K, V> implements Map.Entry<K, V>, Comparable<Keyed<K, V>> {
    final long prefix;
    final long prefix2;
    final String sortKey;
    final K key;
    final V value;

    Keyed(String sortKey, K key, V value) {
      this.prefix = prefix(sortKey, 0);
      this.prefix2 = narrow(sortKey) ? prefix(sortKey, 8) : 0;
      this.sortKey = sortKey;
      this.key = key;
      this.value = value;
    }

    /**
     * Up to eight characters from {@code from}, a byte each, ordered as {@link String#compareTo}
     * orders the strings (compared unsigned). A character that does not fit a byte becomes 255 and
     * ends the prefix, so keys that differ from there on tie and are compared in full.
     */
    static long prefix(String s, int from) {
      long p = 0;
      int n = 0;
      for (int i = from; n < 8 && i < s.length(); i++) {
        char c = s.charAt(i);
        p = p << 8 | Math.min(c, 255);
        n++;
        if (c >= 255) {
          break;
        }
      }
      return p << 8 * (8 - n);
    }

    /** Whether the first prefix ran its whole length: only then does the second one follow on. */
    private static boolean narrow(String s) {
      for (int i = 0; i < 8 && i < s.length(); i++) {
        if (s.charAt(i) >= 255) {
          return false;
        }
      }
      return true;
    }

    @Override
    public int compareTo(Keyed<K, V> o) {
      int c = Long.compareUnsigned(prefix, o.prefix);
      if (c == 0) {
        c = Long.compareUnsigned(prefix2, o.prefix2);
      }
      return c != 0 ? c : sortKey.compareTo(o.sortKey);
    }

    @Override
    public K getKey() {
      return key;
    }

    @Override
    public V getValue() {
      return value;
    }

    @Override
    public V setValue(V value) {
      throw new UnsupportedOperationException();
    }
  }

  /**
   * Sorted rows with distinct keys as a {@link SortedMap}, for {@link TreePMap#fromSortedMap}, which
   * builds its tree from the entries in order in linear time (a TreeMap in between cost another
   * sort's worth of comparisons). Only what a sorted map's reader needs to copy it is supported.
   */
  private static final class SortedRows<K, V> extends AbstractMap<K, V> implements SortedMap<K, V> {
    private final List<Keyed<K, V>> rows;

    SortedRows(List<Keyed<K, V>> rows) {
      this.rows = rows;
    }

    @Override
    public Set<Entry<K, V>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Entry<K, V>> iterator() {
          return Collections.<Entry<K, V>>unmodifiableList(rows).iterator();
        }

        @Override
        public int size() {
          return rows.size();
        }
      };
    }

    @Override
    public Comparator<? super K> comparator() {
      return null;
    }

    @Override
    public K firstKey() {
      if (rows.isEmpty()) {
        throw new NoSuchElementException();
      }
      return rows.get(0).key;
    }

    @Override
    public K lastKey() {
      if (rows.isEmpty()) {
        throw new NoSuchElementException();
      }
      return rows.get(rows.size() - 1).key;
    }

    @Override
    public SortedMap<K, V> subMap(K from, K to) {
      throw new UnsupportedOperationException();
    }

    @Override
    public SortedMap<K, V> headMap(K to) {
      throw new UnsupportedOperationException();
    }

    @Override
    public SortedMap<K, V> tailMap(K from) {
      throw new UnsupportedOperationException();
    }
  }

  /** A secondary index by job: each job's row IDs. */
  private static <V> PMap<JobKey, PSet<String>> byJobIndex(List<V> values, Function<V, JobKey> key,
      Function<V, String> id) {
    return byJob(new ArrayList<>(group(values, key, id).entrySet()), Map.Entry::getKey, e -> set(e.getValue()));
  }

  /** A secondary index by a string: each key's row IDs. */
  private static <V> PMap<String, PSet<String>> index(List<V> values, Function<V, String> key, Function<V, String> id) {
    return sorted(new ArrayList<>(group(values, key, id).entrySet()), Map.Entry::getKey, e -> set(e.getValue()));
  }

  private static <K, V> Map<K, List<String>> group(List<V> values, Function<V, K> key, Function<V, String> id) {
    Map<K, List<String>> m = new HashMap<>(capacity(values.size()));
    for (V v : values) {
      m.computeIfAbsent(key.apply(v), k -> new ArrayList<>(2)).add(id.apply(v));
    }
    return m;
  }

  private static PSet<String> set(List<String> ids) {
    return ids.size() == 1 ? TreePSet.singleton(ids.get(0)) : TreePSet.from(ids);
  }

  /** A HashMap capacity for {@code n} keys without rehashing. */
  private static int capacity(int n) {
    return n * 4 / 3 + 1;
  }
}
