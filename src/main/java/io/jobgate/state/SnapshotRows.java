package io.jobgate.state;

import io.jobgate.structs.Allocation;
import io.jobgate.structs.Deployment;
import io.jobgate.structs.Evaluation;
import io.jobgate.structs.Job;
import io.jobgate.structs.JobSummary;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.pcollections.HashTreePMap;
import org.pcollections.HashTreePSet;
import org.pcollections.PMap;
import org.pcollections.PSet;
import org.pcollections.TreePMap;
import org.pcollections.TreePVector;

/**
 * A snapshot as a flat list of rows and back: what the journal stores and a restart or an
 * operator snapshot reads. Only primary rows are stored; the secondary indexes (evals by job,
 * allocs by node …) are rebuilt here.
 *
 * <p>A new table plugs in with one line in {@link #forEach} and one in {@link #build}, next to its
 * value class in {@code persist.RowCodec}. {@link Table#NODES} and {@link Table#PERIODIC_LAUNCH}
 * have no rows in the snapshot yet; their lines go here when their maps are added.
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
  }

  /** Rebuilds a snapshot from its rows (any order) and its indexes. */
  public static StateSnapshot build(long index, long[] tableIndexes, Iterable<RowChange> rows) {
    Map<JobKey, Job> jobs = new HashMap<>();
    Map<JobKey, TreePVector<Job>> versions = new HashMap<>();
    Map<JobKey, JobSummary> summaries = new HashMap<>();
    Map<String, Evaluation> evals = new HashMap<>();
    Map<String, Allocation> allocs = new HashMap<>();
    Map<String, Deployment> deployments = new HashMap<>();
    for (RowChange r : rows) {
      switch (r.table()) {
        case JOBS -> put(jobs, (Job) r.value());
        case JOB_VERSION -> {
          @SuppressWarnings("unchecked")
          List<Job> history = (List<Job>) r.value();
          versions.put(new JobKey(history.get(0).namespace(), history.get(0).id()), TreePVector.from(history));
        }
        case JOB_SUMMARY -> {
          JobSummary s = (JobSummary) r.value();
          summaries.put(new JobKey(s.namespace(), s.jobId()), s);
        }
        case EVALS -> evals.put(((Evaluation) r.value()).id(), (Evaluation) r.value());
        case ALLOCS -> allocs.put(((Allocation) r.value()).id(), (Allocation) r.value());
        case DEPLOYMENT -> deployments.put(((Deployment) r.value()).id(), (Deployment) r.value());
        case NODES, PERIODIC_LAUNCH -> throw new IllegalArgumentException(
            "rows of table " + r.table().wireName() + " are not stored yet");
      }
    }
    Map<JobKey, Set<String>> evalsByJob = new HashMap<>();
    evals.values().forEach(e -> add(evalsByJob, new JobKey(e.namespace(), e.jobId()), e.id()));
    Map<JobKey, Set<String>> allocsByJob = new HashMap<>();
    Map<String, Set<String>> allocsByNode = new HashMap<>();
    Map<String, Set<String>> allocsByEval = new HashMap<>();
    for (Allocation a : allocs.values()) {
      add(allocsByJob, new JobKey(a.namespace(), a.jobId()), a.id());
      add(allocsByNode, a.nodeId(), a.id());
      add(allocsByEval, a.evalId(), a.id());
    }
    Map<JobKey, Set<String>> deploymentsByJob = new HashMap<>();
    deployments.values().forEach(d -> add(deploymentsByJob, new JobKey(d.namespace(), d.jobId()), d.id()));
    return new StateSnapshot(index, tableIndexes.clone(), TreePMap.fromSortedMap(new TreeMap<>(jobs)),
        HashTreePMap.from(versions), HashTreePMap.from(summaries), TreePMap.fromSortedMap(new TreeMap<>(evals)),
        sets(evalsByJob), TreePMap.fromSortedMap(new TreeMap<>(allocs)), sets(allocsByJob), sets(allocsByNode),
        sets(allocsByEval), TreePMap.fromSortedMap(new TreeMap<>(deployments)), sets(deploymentsByJob));
  }

  private static void put(Map<JobKey, Job> jobs, Job j) {
    jobs.put(new JobKey(j.namespace(), j.id()), j);
  }

  private static <K> void add(Map<K, Set<String>> index, K key, String id) {
    index.computeIfAbsent(key, k -> new HashSet<>()).add(id);
  }

  private static <K> PMap<K, PSet<String>> sets(Map<K, Set<String>> index) {
    Map<K, PSet<String>> out = new HashMap<>(index.size() * 2);
    index.forEach((k, v) -> out.put(k, HashTreePSet.from(v)));
    return HashTreePMap.from(out);
  }
}
