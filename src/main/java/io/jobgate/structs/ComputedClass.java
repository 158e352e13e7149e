package io.jobgate.structs;

import java.util.Map;
import java.util.TreeMap;

/**
 * Nomad's node "computed class": a hash of everything constraints can see except what is unique
 * to one node ({@code unique.*} attributes and meta). Nodes of one class pass or fail the same
 * non-unique constraints, so the scheduler checks each class once per evaluation (spec §15.3).
 */
public final class ComputedClass {

  private ComputedClass() {
  }

  public static String of(String datacenter, String nodeClass, Map<String, String> attributes,
      Map<String, String> meta, Iterable<String> drivers) {
    long h = 1125899906842597L;
    h = mix(h, "dc=" + datacenter);
    h = mix(h, "class=" + nodeClass);
    for (Map.Entry<String, String> e : new TreeMap<>(attributes == null ? Map.of() : attributes).entrySet()) {
      if (!e.getKey().startsWith("unique.")) {
        h = mix(h, "attr." + e.getKey() + "=" + e.getValue());
      }
    }
    for (Map.Entry<String, String> e : new TreeMap<>(meta == null ? Map.of() : meta).entrySet()) {
      if (!e.getKey().startsWith("unique.")) {
        h = mix(h, "meta." + e.getKey() + "=" + e.getValue());
      }
    }
    for (String d : drivers) {
      h = mix(h, "driver=" + d);
    }
    return "v1:" + Long.toUnsignedString(h);
  }

  private static long mix(long h, String s) {
    for (int i = 0; i < s.length(); i++) {
      h = 31 * h + s.charAt(i);
    }
    return h * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
  }
}
