package io.jobgate.scheduler;

import io.jobgate.structs.AllocMetric;
import io.jobgate.structs.DesiredUpdates;
import io.jobgate.structs.Evaluation;
import java.util.Map;

/**
 * What one evaluation's scheduling came to: the evaluation as finally recorded, the per-group
 * decisions of the last pass (spec §12.1 step 4) and the placements that failed (§13.2).
 */
public record Outcome(Evaluation eval, Map<String, DesiredUpdates> desiredTGUpdates,
    Map<String, AllocMetric> failedTGAllocs) {
}
