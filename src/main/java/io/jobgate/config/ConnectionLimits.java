package io.jobgate.config;

import java.util.List;

/**
 * Nomad's {@code limits.http_max_conns_per_client}, plus addresses it does not apply to.
 *
 * @param maxConnsPerClient concurrent connections one client address may hold; 0 = no limit
 * @param trustedAddresses  IP addresses and CIDR blocks exempt from the limit
 */
public record ConnectionLimits(int maxConnsPerClient, List<String> trustedAddresses) {

  public ConnectionLimits {
    trustedAddresses = List.copyOf(trustedAddresses);
  }
}
