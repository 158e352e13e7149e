package io.jobgate.endpoint;

import io.jobgate.structs.Job;
import io.jobgate.structs.JobDiff;
import java.util.List;

/**
 * Reply of {@code …/versions} (spec §7.4), in Nomad's shape. The Java SDK 0.8.6.1 reads the diffs
 * from a {@code JobDiffs} key it cannot populate (its setter has another name, so Jackson fails on
 * any non-null value): like Nomad, this reply has no such key, which keeps {@code versions(id, true)}
 * working for SDK users.
 */
public record JobVersionsResponse(
    List<Job> versions, List<JobDiff> diffs, long index, long lastContact, boolean knownLeader) {
}
