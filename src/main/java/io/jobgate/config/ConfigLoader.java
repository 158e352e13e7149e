package io.jobgate.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jobgate.structs.GoDuration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code conf/jobgate.yaml}-style files onto the defaults. A key the agent does not know, or
 * a value of the wrong kind, stops the agent with a message naming the key: a typo must never be
 * silently ignored.
 */
public final class ConfigLoader {

  private static final Set<String> TOP = Set.of("bind_addr", "http_port", "region", "datacenter", "data_dir",
      "http_instances", "blocking", "limits", "acl", "tls");
  private static final Set<String> BLOCKING = Set.of("max_wait", "jitter_fraction", "sweep_interval");
  private static final Set<String> LIMITS = Set.of("max_body_bytes", "http_max_conns_per_client",
      "trusted_addresses");
  private static final Set<String> ACL = Set.of("enabled");
  private static final Set<String> TLS = Set.of("enabled", "cert_file", "key_file", "ca_file", "verify_https_client");

  private ConfigLoader() {
  }

  public static AgentConfig load(Path file, AgentConfig base) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
    }
    if (root == null || root.isNull() || root.isMissingNode()) {
      return base;
    }
    if (!root.isObject()) {
      throw new ConfigException(file + ": expected a mapping of settings at the top level");
    }
    checkKeys(root, TOP, "");
    JsonNode blocking = section(root, "blocking");
    JsonNode limits = section(root, "limits");
    checkKeys(blocking, BLOCKING, "blocking.");
    checkKeys(limits, LIMITS, "limits.");
    JsonNode acl = section(root, "acl");
    JsonNode tls = section(root, "tls");
    checkKeys(acl, ACL, "acl.");
    checkKeys(tls, TLS, "tls.");
    return new AgentConfig(
        text(root, "bind_addr", base.bindAddr()),
        port(root, "http_port", base.httpPort()),
        text(root, "region", base.region()),
        text(root, "datacenter", base.datacenter()),
        base.dev(),
        text(root, "data_dir", base.dataDir()),
        integer(root, "http_instances", base.httpInstances(), 0, 256),
        duration(blocking, "blocking.max_wait", base.maxWait()),
        integer(blocking, "blocking.jitter_fraction", base.jitterFraction(), 0, 1_000_000),
        longValue(limits, "limits.max_body_bytes", base.maxBodyBytes(), 1024, Long.MAX_VALUE),
        duration(blocking, "blocking.sweep_interval", base.sweepInterval()),
        bool(acl, "acl.enabled", base.aclEnabled()),
        tls(tls, base.tls()),
        new ConnectionLimits(
            integer(limits, "limits.http_max_conns_per_client", base.connectionLimits().maxConnsPerClient(), 0,
                1_000_000),
            addresses(limits, "limits.trusted_addresses", base.connectionLimits().trustedAddresses())));
  }

  private static TlsConfig tls(JsonNode n, TlsConfig base) {
    TlsConfig t = new TlsConfig(
        bool(n, "tls.enabled", base.enabled()),
        file(n, "tls.cert_file", base.certFile()),
        file(n, "tls.key_file", base.keyFile()),
        file(n, "tls.ca_file", base.caFile()),
        bool(n, "tls.verify_https_client", base.verifyHttpsClient()));
    if (t.enabled() && (t.certFile().isEmpty() || t.keyFile().isEmpty())) {
      throw new ConfigException("tls: cert_file and key_file are required when tls.enabled is true");
    }
    if (t.verifyHttpsClient() && t.caFile().isEmpty()) {
      throw new ConfigException("tls: ca_file is required when tls.verify_https_client is true");
    }
    return t;
  }

  private static String file(JsonNode n, String key, String dflt) {
    JsonNode v = n.get(key.substring(key.lastIndexOf('.') + 1));
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isTextual()) {
      throw new ConfigException(key + ": expected a file path, got " + v);
    }
    return v.asText();
  }

  private static boolean bool(JsonNode n, String key, boolean dflt) {
    JsonNode v = n.get(key.substring(key.lastIndexOf('.') + 1));
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isBoolean()) {
      throw new ConfigException(key + ": expected true or false, got " + v);
    }
    return v.asBoolean();
  }

  /** A list of IP addresses and CIDR blocks, each checked now so a typo stops the agent. */
  private static List<String> addresses(JsonNode n, String key, List<String> dflt) {
    JsonNode v = n.get(key.substring(key.lastIndexOf('.') + 1));
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isArray()) {
      throw new ConfigException(key + ": expected a list of IP addresses or CIDR blocks, got " + v);
    }
    List<String> out = new ArrayList<>();
    for (JsonNode a : v) {
      if (!a.isTextual()) {
        throw new ConfigException(key + ": expected IP addresses or CIDR blocks, got " + a);
      }
      try {
        Cidr.parse(a.asText());
      } catch (IllegalArgumentException e) {
        throw new ConfigException(key + ": " + e.getMessage());
      }
      out.add(a.asText());
    }
    return out;
  }

  private static JsonNode section(JsonNode root, String name) {
    JsonNode n = root.get(name);
    if (n == null || n.isNull()) {
      return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
    if (!n.isObject()) {
      throw new ConfigException(name + ": expected a mapping of settings");
    }
    return n;
  }

  private static void checkKeys(JsonNode node, Set<String> known, String prefix) {
    if (!node.isObject()) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      String key = it.next().getKey();
      if (!known.contains(key)) {
        throw new ConfigException("unknown setting \"" + prefix + key + "\"; known settings here: "
            + known.stream().sorted().map(k -> prefix + k).toList());
      }
    }
  }

  private static String text(JsonNode n, String key, String dflt) {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isTextual()) {
      throw new ConfigException(key + ": expected a string, got " + v);
    }
    return v.asText();
  }

  private static int port(JsonNode n, String key, int dflt) {
    return integer(n, key, dflt, 0, 65535);
  }

  private static int integer(JsonNode n, String key, int dflt, int min, int max) {
    return (int) longValue(n, key.substring(key.lastIndexOf('.') + 1), key, dflt, min, max);
  }

  private static long longValue(JsonNode n, String key, long dflt, long min, long max) {
    return longValue(n, key.substring(key.lastIndexOf('.') + 1), key, dflt, min, max);
  }

  private static long longValue(JsonNode n, String field, String key, long dflt, long min, long max) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
      throw new ConfigException(key + ": expected a whole number from " + min + " to " + max + ", got " + v);
    }
    return v.asLong();
  }

  private static Duration duration(JsonNode n, String key, Duration dflt) {
    JsonNode v = n.get(key.substring(key.lastIndexOf('.') + 1));
    if (v == null || v.isNull()) {
      return dflt;
    }
    try {
      long nanos = GoDuration.parse(v.asText());
      if (nanos <= 0) {
        throw new IllegalArgumentException("must be positive");
      }
      return Duration.ofNanos(nanos);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key + ": expected a duration such as 300ms, 10s or 5m, got " + v);
    }
  }
}
