package io.jobgate.scheduler;

import io.jobgate.structs.AllocMetric;
import io.jobgate.structs.Node;
import java.util.LinkedHashMap;
import java.util.Map;

/** One placement attempt's {@link AllocMetric}, filled as spec §13.2 describes. */
final class MetricsBuilder {

  private final long started = System.nanoTime();
  int nodesEvaluated;
  int nodesFiltered;
  Map<String, Integer> nodesAvailable;
  private Map<String, Integer> classFiltered;
  private Map<String, Integer> constraintFiltered;
  private int nodesExhausted;
  private Map<String, Integer> classExhausted;
  private Map<String, Integer> dimensionExhausted;
  private Map<String, Double> scores;
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

  void score(Node node, String scorer, double score) {
    if (scores == null) {
      scores = new LinkedHashMap<>();
    }
    scores.put(node.id() + "." + scorer, score);
  }

  private static Map<String, Integer> inc(Map<String, Integer> m, String key) {
    Map<String, Integer> out = m == null ? new LinkedHashMap<>() : m;
    out.merge(key, 1, Integer::sum);
    return out;
  }

  AllocMetric build() {
    return new AllocMetric(nodesEvaluated, nodesFiltered, nodesAvailable, classFiltered, constraintFiltered,
        nodesExhausted, classExhausted, dimensionExhausted, null, scores, System.nanoTime() - started,
        coalescedFailures);
  }
}
