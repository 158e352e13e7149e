package io.jobgate.http;

import io.jobgate.config.AgentConfig;
import io.jobgate.metrics.Metrics.ConnectionLimit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts open connections, in all and per client address, against {@code limits.max_connections}
 * and {@code limits.http_max_conns_per_client}. Shared by every event loop, hence atomics.
 */
public final class ConnectionLimiter {

  private final int maxTotal;
  private final int maxPerClient;
  private final AtomicInteger total = new AtomicInteger();
  /** Open connections per client address; an entry exists only while the count is above zero. */
  private final ConcurrentHashMap<String, Integer> perClient = new ConcurrentHashMap<>();

  public ConnectionLimiter(AgentConfig config) {
    this.maxTotal = config.maxConnections();
    this.maxPerClient = config.maxConnsPerClient();
  }

  /**
   * Counts a new connection from {@code client}, or refuses it: returns the limit it would break
   * (and counts nothing), or {@code null} when it is admitted and must later be {@link #release}d.
   */
  ConnectionLimit admit(String client) {
    if (maxTotal > 0 && total.incrementAndGet() > maxTotal) {
      total.decrementAndGet();
      return ConnectionLimit.TOTAL;
    }
    if (maxPerClient > 0) {
      if (perClient.merge(client, 1, Integer::sum) > maxPerClient) {
        decrement(client);
        if (maxTotal > 0) {
          total.decrementAndGet();
        }
        return ConnectionLimit.PER_CLIENT;
      }
    }
    return null;
  }

  void release(String client) {
    if (maxTotal > 0) {
      total.decrementAndGet();
    }
    if (maxPerClient > 0) {
      decrement(client);
    }
  }

  private void decrement(String client) {
    perClient.computeIfPresent(client, (c, n) -> n > 1 ? n - 1 : null);
  }
}
