package io.jobgate.support;

import io.jobgate.structs.Allocation;
import io.jobgate.structs.Job;
import java.util.UUID;

/** Allocations as a scheduler and client would have written them, for tests without a fleet. */
public final class Allocs {

  private Allocs() {
  }

  /** Allocation {@code <job>.<group>[<index>]} of {@code job} (as stored), desired run, client status as given. */
  public static Allocation of(Job job, String group, int index, String clientStatus) {
    return new Allocation(UUID.randomUUID().toString(), job.namespace(), UUID.randomUUID().toString(),
        job.id() + "." + group + "[" + index + "]", "node-1", job.id(), job, group, null, null, null, null,
        Allocation.DESIRED_RUN, "", null, clientStatus, "", null, "", "", "", null, null, "", 0, 0, 0, 0, 0);
  }
}
