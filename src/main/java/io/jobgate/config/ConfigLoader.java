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
import java.util.TreeMap;

/**
 * Reads {@code conf/jobgate.yaml}-style files onto the defaults. A key the agent does not know, or
 * a value of the wrong kind, stops the agent with a message naming the key: a typo must never be
 * silently ignored.
 */
public final class ConfigLoader {

  private static final Set<String> TOP = Set.of("bind_addr", "http_port", "region", "datacenter", "data_dir",
      "http_instances", "blocking", "limits", "scheduler", "fleet");
  private static final Set<String> BLOCKING = Set.of("max_wait", "jitter_fraction", "sweep_interval");
  private static final Set<String> LIMITS = Set.of("max_body_bytes");
  private static final Set<String> SCHEDULER = Set.of("enabled", "workers");
  private static final Set<String> FLEET = Set.of("time_scale", "nodes");
  private static final Set<String> NODE_GROUP = Set.of("name", "count", "datacenter", "node_class", "cpu",
      "memory_mb", "disk_mb", "iops", "network_mbits", "drivers", "meta");

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
    JsonNode scheduler = section(root, "scheduler");
    JsonNode fleet = section(root, "fleet");
    checkKeys(scheduler, SCHEDULER, "scheduler.");
    checkKeys(fleet, FLEET, "fleet.");
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
        new SchedulerConfig(bool(scheduler, "scheduler.enabled", base.scheduler().enabled()),
            integer(scheduler, "scheduler.workers", base.scheduler().workers(), 0, 64)),
        new FleetConfig(positive(fleet, "fleet.time_scale", base.fleet().timeScale()),
            nodeGroups(fleet, base.fleet().nodes())));
  }

  private static List<NodeGroupConfig> nodeGroups(JsonNode fleet, List<NodeGroupConfig> dflt) {
    JsonNode v = fleet.get("nodes");
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isArray()) {
      throw new ConfigException("fleet.nodes: expected a list of node groups");
    }
    List<NodeGroupConfig> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode g = v.get(i);
      String p = "fleet.nodes[" + i + "].";
      if (!g.isObject()) {
        throw new ConfigException(p.substring(0, p.length() - 1) + ": expected a mapping of settings");
      }
      checkKeys(g, NODE_GROUP, p);
      NodeGroupConfig d = NodeGroupConfig.DEFAULT;
      out.add(new NodeGroupConfig(text(g, "name", d.name()), (int) longValue(g, "count", p + "count", d.count(), 0,
          1_000_000), text(g, "datacenter", d.datacenter()), text(g, "node_class", d.nodeClass()),
          (int) longValue(g, "cpu", p + "cpu", d.cpu(), 1, Integer.MAX_VALUE),
          (int) longValue(g, "memory_mb", p + "memory_mb", d.memoryMB(), 1, Integer.MAX_VALUE),
          (int) longValue(g, "disk_mb", p + "disk_mb", d.diskMB(), 0, Integer.MAX_VALUE),
          (int) longValue(g, "iops", p + "iops", d.iops(), 0, Integer.MAX_VALUE),
          (int) longValue(g, "network_mbits", p + "network_mbits", d.networkMBits(), 0, Integer.MAX_VALUE),
          strings(g, p + "drivers", d.drivers()), stringMap(g, p + "meta", d.meta())));
    }
    return List.copyOf(out);
  }

  private static List<String> strings(JsonNode n, String key, List<String> dflt) {
    JsonNode v = n.get(key.substring(key.lastIndexOf('.') + 1));
    if (v == null || v.isNull()) {
      return dflt;
    }
    List<String> out = new ArrayList<>();
    if (v.isArray()) {
      for (JsonNode e : v) {
        if (e.isTextual()) {
          out.add(e.asText());
          continue;
        }
        out = null;
        break;
      }
    }
    if (out == null || !v.isArray()) {
      throw new ConfigException(key + ": expected a list of strings, got " + v);
    }
    return List.copyOf(out);
  }

  private static Map<String, String> stringMap(JsonNode n, String key, Map<String, String> dflt) {
    JsonNode v = n.get(key.substring(key.lastIndexOf('.') + 1));
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isObject()) {
      throw new ConfigException(key + ": expected a mapping of strings, got " + v);
    }
    Map<String, String> out = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isValueNode()) {
        throw new ConfigException(key + "." + e.getKey() + ": expected a string, got " + e.getValue());
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return Map.copyOf(out);
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

  private static double positive(JsonNode n, String key, double dflt) {
    JsonNode v = n.get(key.substring(key.lastIndexOf('.') + 1));
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isNumber() || !(v.asDouble() > 0)) {
      throw new ConfigException(key + ": expected a number above 0, got " + v);
    }
    return v.asDouble();
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
