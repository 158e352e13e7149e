package io.jobgate.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jobgate.structs.GoDuration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code conf/jobgate.yaml}-style files onto the defaults. A key the agent does not know, or
 * a value of the wrong kind, stops the agent with a message naming the key: a typo must never be
 * silently ignored.
 */
public final class ConfigLoader {

  private static final Set<String> TOP = Set.of("bind_addr", "http_port", "region", "datacenter", "data_dir",
      "http_instances", "blocking", "limits", "gc");
  private static final Set<String> BLOCKING = Set.of("max_wait", "jitter_fraction", "sweep_interval");
  private static final Set<String> LIMITS = Set.of("max_body_bytes");
  private static final Set<String> GC = Set.of("interval", "eval_threshold", "job_threshold", "deployment_threshold");

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
    JsonNode gc = section(root, "gc");
    checkKeys(blocking, BLOCKING, "blocking.");
    checkKeys(limits, LIMITS, "limits.");
    checkKeys(gc, GC, "gc.");
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
        new GcConfig(
            duration(gc, "gc.interval", base.gc().interval()),
            duration(gc, "gc.eval_threshold", base.gc().evalThreshold()),
            duration(gc, "gc.job_threshold", base.gc().jobThreshold()),
            duration(gc, "gc.deployment_threshold", base.gc().deploymentThreshold())));
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
