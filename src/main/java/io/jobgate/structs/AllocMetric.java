package io.jobgate.structs;

import java.util.List;
import java.util.Map;

/** Placement metrics (spec §13.2). */
public record AllocMetric(
    int nodesEvaluated,
    int nodesFiltered,
    Map<String, Integer> nodesAvailable,
    Map<String, Integer> classFiltered,
    Map<String, Integer> constraintFiltered,
    int nodesExhausted,
    Map<String, Integer> classExhausted,
    Map<String, Integer> dimensionExhausted,
    List<String> quotaExhausted,
    Map<String, Double> scores,
    long allocationTime,
    int coalescedFailures) {
}
