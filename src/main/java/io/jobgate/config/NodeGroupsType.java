package io.jobgate.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code fleet.nodes}: a list of node groups. In the file it is a YAML list of mappings; in the
 * environment and the docs the same list as one line of JSON (which is YAML too), naming only what
 * differs from {@link NodeGroupConfig#DEFAULT}: {@code [{"name": "big", "count": 2, "cpu": 16000}]}.
 */
final class NodeGroupsType implements ValueType<List<NodeGroupConfig>> {

  private static final Set<String> KEYS = Set.of("name", "count", "datacenter", "node_class", "cpu", "memory_mb",
      "disk_mb", "iops", "network_mbits", "drivers", "meta");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Override
  public String allowed() {
    return "a list of node groups such as [{\"name\": \"dev\", \"count\": 3}]";
  }

  @Override
  public List<NodeGroupConfig> parse(String text) {
    try {
      return read("fleet.nodes", YAML.readTree(text));
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Override
  public String format(List<NodeGroupConfig> groups) {
    List<String> out = new ArrayList<>();
    NodeGroupConfig d = NodeGroupConfig.DEFAULT;
    for (NodeGroupConfig g : groups) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", g.name());
      m.put("count", g.count());
      putIfChanged(m, "datacenter", g.datacenter(), d.datacenter());
      putIfChanged(m, "node_class", g.nodeClass(), d.nodeClass());
      putIfChanged(m, "cpu", g.cpu(), d.cpu());
      putIfChanged(m, "memory_mb", g.memoryMB(), d.memoryMB());
      putIfChanged(m, "disk_mb", g.diskMB(), d.diskMB());
      putIfChanged(m, "iops", g.iops(), d.iops());
      putIfChanged(m, "network_mbits", g.networkMBits(), d.networkMBits());
      putIfChanged(m, "drivers", g.drivers(), d.drivers());
      putIfChanged(m, "meta", g.meta(), d.meta());
      List<String> fields = new ArrayList<>();
      m.forEach((k, v) -> fields.add("\"" + k + "\": " + json(v)));
      out.add("{" + String.join(", ", fields) + "}");
    }
    return "[" + String.join(", ", out) + "]";
  }

  private static void putIfChanged(Map<String, Object> m, String key, Object value, Object dflt) {
    if (!value.equals(dflt)) {
      m.put(key, value);
    }
  }

  private static String json(Object v) {
    try {
      return new ObjectMapper().writeValueAsString(v);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public List<NodeGroupConfig> fromYaml(String label, JsonNode node) {
    return read(label, node);
  }

  private static List<NodeGroupConfig> read(String label, JsonNode v) {
    if (!v.isArray()) {
      throw new ConfigException(label + ": expected a list of node groups, got " + v);
    }
    List<NodeGroupConfig> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode g = v.get(i);
      String p = label + "[" + i + "].";
      if (!g.isObject()) {
        throw new ConfigException(label + "[" + i + "]: expected a mapping of settings, got " + g);
      }
      for (Iterator<String> it = g.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (!KEYS.contains(key)) {
          throw new ConfigException("unknown setting \"" + p + key + "\"; known settings here: "
              + KEYS.stream().sorted().map(k -> p + k).toList());
        }
      }
      NodeGroupConfig d = NodeGroupConfig.DEFAULT;
      out.add(new NodeGroupConfig(text(g, p, "name", d.name()), number(g, p, "count", d.count(), 0),
          text(g, p, "datacenter", d.datacenter()), text(g, p, "node_class", d.nodeClass()),
          number(g, p, "cpu", d.cpu(), 1), number(g, p, "memory_mb", d.memoryMB(), 1),
          number(g, p, "disk_mb", d.diskMB(), 0), number(g, p, "iops", d.iops(), 0),
          number(g, p, "network_mbits", d.networkMBits(), 0), strings(g, p + "drivers", d.drivers()),
          stringMap(g, p + "meta", d.meta())));
    }
    return List.copyOf(out);
  }

  private static String text(JsonNode g, String p, String key, String dflt) {
    JsonNode v = g.get(key);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isTextual()) {
      throw new ConfigException(p + key + ": expected a string, got " + v);
    }
    return v.asText();
  }

  private static int number(JsonNode g, String p, String key, int dflt, int min) {
    JsonNode v = g.get(key);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > Integer.MAX_VALUE) {
      throw new ConfigException(p + key + ": expected a whole number from " + min + " to " + Integer.MAX_VALUE
          + ", got " + v);
    }
    return v.asInt();
  }

  private static List<String> strings(JsonNode g, String key, List<String> dflt) {
    JsonNode v = g.get(key.substring(key.lastIndexOf('.') + 1));
    if (v == null || v.isNull()) {
      return dflt;
    }
    List<String> out = new ArrayList<>();
    if (v.isArray()) {
      for (JsonNode e : v) {
        if (!e.isTextual()) {
          throw new ConfigException(key + ": expected a list of strings, got " + v);
        }
        out.add(e.asText());
      }
      return List.copyOf(out);
    }
    throw new ConfigException(key + ": expected a list of strings, got " + v);
  }

  private static Map<String, String> stringMap(JsonNode g, String key, Map<String, String> dflt) {
    JsonNode v = g.get(key.substring(key.lastIndexOf('.') + 1));
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
}
