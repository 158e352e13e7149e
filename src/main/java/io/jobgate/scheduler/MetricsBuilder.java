package io.jobgate.scheduler;

import io.jobgate.structs.AllocMetric;
import io.jobgate.structs.Node;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One placement attempt's {@link AllocMetric}, filled as spec §13.2 describes. */
final class MetricsBuilder {

  /**
   * {@code <nodeID>.<scorer>} keys, one string per node and scorer for the life of the process:
   * every allocation keeps its scores, and 100,000 allocations must not hold a million copies.
   */
  private static final Map<String, String[]> SCORE_KEYS = new ConcurrentHashMap<>();
  static final int BINPACK = 0;
  static final int JOB_ANTI_AFFINITY = 1;
  static final int NODE_ANTI_AFFINITY = 2;
  private static final String[] SCORERS = {"binpack", "job-anti-affinity", "node-anti-affinity"};

  private final long started = System.nanoTime();
  int nodesEvaluated;
  int nodesFiltered;
  Map<String, Integer> nodesAvailable;
  private Map<String, Integer> classFiltered;
  private Map<String, Integer> constraintFiltered;
  private int nodesExhausted;
  private Map<String, Integer> classExhausted;
  private Map<String, Integer> dimensionExhausted;
  /** Scores as parallel arrays until {@link #build}: one map per placement, not per node scored. */
  private String[] scoreKeys;
  private double[] scoreValues;
  private int scoreCount;
  int coalescedFailures;

  void evaluated() {
    nodesEvaluated++;
  }

  void filtered(Node node, String reason) {
    nodesFiltered++;
    if (node.nodeClass() != null && !node.nodeClass().isEmpty()) {
      classFiltered = inc(classFiltered, node.nodeClass());
    }
    if (reason != null && !reason.isEmpty()) {
      constraintFiltered = inc(constraintFiltered, reason);
    }
  }

  void exhausted(Node node, String dimension) {
    nodesExhausted++;
    if (node.nodeClass() != null && !node.nodeClass().isEmpty()) {
      classExhausted = inc(classExhausted, node.nodeClass());
    }
    if (dimension != null && !dimension.isEmpty()) {
      dimensionExhausted = inc(dimensionExhausted, dimension);
    }
  }

  void score(Node node, int scorer, double score) {
    if (scoreKeys == null) {
      scoreKeys = new String[16];
      scoreValues = new double[16];
    } else if (scoreCount == scoreKeys.length) {
      scoreKeys = java.util.Arrays.copyOf(scoreKeys, scoreCount * 2);
      scoreValues = java.util.Arrays.copyOf(scoreValues, scoreCount * 2);
    }
    String[] keys = SCORE_KEYS.computeIfAbsent(node.id(), id -> {
      String[] k = new String[SCORERS.length];
      for (int i = 0; i < k.length; i++) {
        k[i] = id + "." + SCORERS[i];
      }
      return k;
    });
    scoreKeys[scoreCount] = keys[scorer];
    scoreValues[scoreCount++] = score;
  }

  private static Map<String, Integer> inc(Map<String, Integer> m, String key) {
    Map<String, Integer> out = m == null ? new LinkedHashMap<>() : m;
    out.merge(key, 1, Integer::sum);
    return out;
  }

  AllocMetric build() {
    return new AllocMetric(nodesEvaluated, nodesFiltered, nodesAvailable, compact(classFiltered),
        compact(constraintFiltered), nodesExhausted, compact(classExhausted), compact(dimensionExhausted), null,
        scores(), System.nanoTime() - started, coalescedFailures);
  }

  /** Each node is scored at most once per attempt, so the keys are already distinct. */
  private Map<String, Double> scores() {
    if (scoreKeys == null) {
      return null;
    }
    return new ScoreMap(java.util.Arrays.copyOf(scoreKeys, scoreCount), java.util.Arrays.copyOf(scoreValues, scoreCount));
  }

  /** Immutable array-backed copies: every allocation keeps its metrics for life. */
  private static <V> Map<String, V> compact(Map<String, V> m) {
    return m == null ? null : Map.copyOf(m);
  }
}
