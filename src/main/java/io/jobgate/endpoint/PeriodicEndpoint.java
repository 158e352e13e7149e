package io.jobgate.endpoint;

import io.jobgate.periodic.PeriodicChildren;
import io.jobgate.state.JobKey;
import io.jobgate.state.StateStore;
import io.jobgate.structs.Job;
import io.vertx.core.Future;
import java.time.Instant;

/**
 * Nomad's {@code Periodic} RPC endpoint: launching a periodic job now (spec §7.16). The launch is
 * the one the launcher makes, at the current time, and ignores {@code ProhibitOverlap}.
 */
public final class PeriodicEndpoint {

  private final StateStore store;

  public PeriodicEndpoint(StateStore store) {
    this.store = store;
  }

  public Future<PeriodicForceResponse> force(String namespace, String id) {
    return store.write(w -> {
      if (id == null || id.isEmpty()) {
        throw EndpointException.invalid("missing job ID for evaluation");
      }
      Job job = w.job(new JobKey(namespace, id));
      if (job == null) {
        throw EndpointException.invalid("job not found");
      }
      if (!job.periodicJob()) {
        throw EndpointException.invalid("can't force launch non-periodic job");
      }
      if (!PeriodicChildren.tracked(job)) {
        throw EndpointException.invalid("force launch for job \"" + id + "\" failed: can't force run non-tracked job \""
            + id + "\" (" + namespace + ")");
      }
      PeriodicChildren.Launched launched = PeriodicChildren.launch(w, job, Instant.now());
      return new PeriodicForceResponse(launched.eval().id(), launched.evalIndex(), launched.evalIndex());
    });
  }
}
