package io.jobgate.http;

import io.jobgate.config.Cidr;
import io.jobgate.config.ConnectionLimits;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Concurrent connections per client address (Nomad's {@code http_max_conns_per_client}), counted
 * across every HTTP front: connections of one client land on several event loops, so the counts
 * live in one concurrent map whose per-key {@code compute} is atomic. Trusted addresses are not
 * counted at all.
 */
public final class ConnectionCounter {

  private final int max;
  private final List<Cidr> trusted;
  private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

  public ConnectionCounter(ConnectionLimits limits) {
    this.max = limits.maxConnsPerClient();
    this.trusted = limits.trustedAddresses().stream().map(Cidr::parse).toList();
  }

  /** Whether connections from {@code host} (an IP literal) are limited at all. */
  boolean limited(String host) {
    if (max <= 0) {
      return false;
    }
    try {
      // host is the peer's numeric address, so this parses it and looks nothing up.
      InetAddress address = InetAddress.getByName(host);
      return trusted.stream().noneMatch(c -> c.contains(address));
    } catch (UnknownHostException e) {
      return true;
    }
  }

  /** Counts a new connection from {@code host}; false, and not counted, when it would exceed the cap. */
  boolean acquire(String host) {
    boolean[] admitted = {false};
    open.compute(host, (h, n) -> {
      int count = n == null ? 0 : n;
      if (count >= max) {
        return n;
      }
      admitted[0] = true;
      return count + 1;
    });
    return admitted[0];
  }

  /** Forgets a connection {@link #acquire} counted; the entry goes when its count reaches zero. */
  void release(String host) {
    open.computeIfPresent(host, (h, n) -> n <= 1 ? null : n - 1);
  }
}
