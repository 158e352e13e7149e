package io.jobgate.endpoint;

import io.jobgate.persist.GarbageCollector;
import io.vertx.core.Future;

/** Nomad's {@code System} endpoint: a forced garbage collection pass. */
public final class SystemEndpoint {

  private final GarbageCollector gc;

  public SystemEndpoint(GarbageCollector gc) {
    this.gc = gc;
  }

  /** Collects everything eligible now, whatever its age, as Nomad's forced GC does; done when it is. */
  public Future<GarbageCollector.Collected> garbageCollect() {
    return gc.collect(true);
  }
}
