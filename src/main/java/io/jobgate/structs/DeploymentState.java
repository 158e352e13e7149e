package io.jobgate.structs;

import java.time.Instant;
import java.util.List;

/** Per-group progress of a deployment (spec §14). */
public record DeploymentState(
    boolean autoRevert,
    long progressDeadline,
    Instant requireProgressBy,
    boolean promoted,
    List<String> placedCanaries,
    int desiredCanaries,
    int desiredTotal,
    int placedAllocs,
    int healthyAllocs,
    int unhealthyAllocs) {
}
