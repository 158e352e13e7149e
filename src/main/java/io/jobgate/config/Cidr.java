package io.jobgate.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IP address or CIDR block ({@code 10.0.0.0/8}, {@code ::1}, {@code fd00::/8}). Parsing takes
 * literals only: a host name is refused, never looked up.
 */
public final class Cidr {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private final byte[] network;
  private final int prefixBits;

  private Cidr(byte[] network, int prefixBits) {
    this.network = network;
    this.prefixBits = prefixBits;
  }

  public static Cidr parse(String text) {
    int slash = text.indexOf('/');
    String addr = slash < 0 ? text : text.substring(0, slash);
    byte[] bytes = literal(addr);
    int bits = bytes.length * 8;
    if (slash >= 0) {
      String p = text.substring(slash + 1);
      if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > bits) {
        throw new IllegalArgumentException("\"" + text + "\" has a bad prefix length");
      }
      bits = Integer.parseInt(p);
    }
    return new Cidr(bytes, bits);
  }

  private static byte[] literal(String addr) {
    boolean v4 = IPV4.matcher(addr).matches();
    if (!v4 && addr.indexOf(':') < 0) {
      throw new IllegalArgumentException("\"" + addr + "\" is not an IP address");
    }
    if (v4) {
      for (String octet : addr.split("\\.")) {
        if (Integer.parseInt(octet) > 255) {
          throw new IllegalArgumentException("\"" + addr + "\" is not an IP address");
        }
      }
    }
    try {
      // A literal: InetAddress parses it without any name lookup.
      return InetAddress.getByName(addr).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("\"" + addr + "\" is not an IP address");
    }
  }

  public boolean contains(InetAddress address) {
    byte[] a = address.getAddress();
    if (a.length != network.length) {
      return false;
    }
    int full = prefixBits / 8;
    for (int i = 0; i < full; i++) {
      if (a[i] != network[i]) {
        return false;
      }
    }
    int rest = prefixBits % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (a[full] & mask) == (network[full] & mask);
  }
}
