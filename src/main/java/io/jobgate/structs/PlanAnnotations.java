package io.jobgate.structs;

import java.util.Map;

/** The scheduler's notes on a plan: per task group, what it would do (spec §12.1). */
public record PlanAnnotations(Map<String, DesiredUpdates> desiredTGUpdates) {
}
