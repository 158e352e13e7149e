package io.jobgate.endpoint;

import io.jobgate.structs.Job;
import io.jobgate.structs.JobDiff;
import java.util.List;

/**
 * Reply of {@code …/versions} (spec §7.4). Nomad names the diffs {@code Diffs}; the Java SDK reads
 * {@code JobDiffs}, so both carry the same list.
 */
public record JobVersionsResponse(
    List<Job> versions, List<JobDiff> diffs, List<JobDiff> jobDiffs, long index, long lastContact,
    boolean knownLeader) {
}
