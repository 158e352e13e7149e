package io.jobgate.http;

import io.jobgate.config.AgentConfig;
import io.jobgate.config.Cidr;
import io.jobgate.metrics.Metrics.ConnectionLimit;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts open connections, in all and per client address, against {@code limits.max_connections}
 * and {@code limits.http_max_conns_per_client} (Nomad's). Addresses in
 * {@code limits.trusted_addresses} are exempt from the per-client cap. Shared by every event loop,
 * hence atomics: one client's connections land on several loops.
 */
public final class ConnectionLimiter {

  private final int maxTotal;
  private final int maxPerClient;
  private final List<Cidr> trusted;
  private final AtomicInteger total = new AtomicInteger();
  /** Open connections per client address; an entry exists only while the count is above zero. */
  private final ConcurrentHashMap<String, Integer> perClient = new ConcurrentHashMap<>();

  public ConnectionLimiter(AgentConfig config) {
    this.maxTotal = config.maxConnections();
    this.maxPerClient = config.maxConnsPerClient();
    this.trusted = config.trustedAddresses().stream().map(Cidr::parse).toList();
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
    if (limitedPerClient(client)) {
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
    if (limitedPerClient(client)) {
      decrement(client);
    }
  }

  private boolean limitedPerClient(String client) {
    if (maxPerClient <= 0) {
      return false;
    }
    try {
      // client is the peer's numeric address, so this parses it and looks nothing up.
      InetAddress address = InetAddress.getByName(client);
      return trusted.stream().noneMatch(c -> c.contains(address));
    } catch (UnknownHostException e) {
      return true;
    }
  }

  private void decrement(String client) {
    perClient.computeIfPresent(client, (c, n) -> n > 1 ? n - 1 : null);
  }
}
