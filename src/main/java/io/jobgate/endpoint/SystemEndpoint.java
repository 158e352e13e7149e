package io.jobgate.endpoint;

import io.jobgate.persist.GarbageCollector;
import io.jobgate.state.StateStore;
import io.vertx.core.Future;

/** Nomad's {@code System} endpoint: a forced garbage collection pass. */
public final class SystemEndpoint {

  private final GarbageCollector gc;
  private final StateStore store;

  public SystemEndpoint(GarbageCollector gc, StateStore store) {
    this.gc = gc;
    this.store = store;
  }

  /**
   * Collects everything eligible now, whatever its age, as Nomad's forced GC does; completes when
   * it has, with the store's index then.
   */
  public Future<Long> garbageCollect() {
    return gc.collect(true).map(c -> store.snapshot().index());
  }
}
