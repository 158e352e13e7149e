package io.jobgate.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobgate.structs.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Expected job diffs written out field by field, as JSON in Nomad's shape (spec §12.2), so tests
 * can compare whole diffs: {@code field("Edited", "Count", "1", "2", "forces create")}.
 */
public final class Diffs {

  private Diffs() {
  }

  public static String field(String type, String name, String old, String neu, String... annotations) {
    return "{\"Type\":\"" + type + "\",\"Name\":" + str(name) + ",\"Old\":" + str(old) + ",\"New\":" + str(neu)
        + ",\"Annotations\":" + strings(annotations) + "}";
  }

  /** An object diff; {@code objects} follow the fields after a {@code null} separator, if any. */
  public static String object(String type, String name, String... parts) {
    List<String> fields = new ArrayList<>();
    List<String> objects = new ArrayList<>();
    List<String> target = fields;
    for (String p : parts) {
      if (p == null) {
        target = objects;
      } else {
        target.add(p);
      }
    }
    return "{\"Type\":\"" + type + "\",\"Name\":" + str(name) + ",\"Fields\":" + list(fields) + ",\"Objects\":"
        + list(objects) + "}";
  }

  public static String task(String type, String name, List<String> fields, List<String> objects,
      String... annotations) {
    return "{\"Type\":\"" + type + "\",\"Name\":" + str(name) + ",\"Fields\":" + list(fields) + ",\"Objects\":"
        + list(objects) + ",\"Annotations\":" + strings(annotations) + "}";
  }

  public static String group(String type, String name, List<String> fields, List<String> objects,
      List<String> tasks, String updates) {
    return "{\"Type\":\"" + type + "\",\"Name\":" + str(name) + ",\"Fields\":" + list(fields) + ",\"Objects\":"
        + list(objects) + ",\"Tasks\":" + list(tasks) + ",\"Updates\":" + updates + "}";
  }

  public static String job(String type, String id, List<String> fields, List<String> objects, List<String> groups) {
    return "{\"Type\":\"" + type + "\",\"ID\":" + str(id) + ",\"Fields\":" + list(fields) + ",\"Objects\":"
        + list(objects) + ",\"TaskGroups\":" + list(groups) + "}";
  }

  public static List<String> of(String... items) {
    return Arrays.asList(items);
  }

  public static JsonNode parse(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException(json, e);
    }
  }

  /** Go encodes an empty slice as null. */
  private static String list(List<String> items) {
    return items == null || items.isEmpty() ? "null" : "[" + String.join(",", items) + "]";
  }

  private static String strings(String... items) {
    return items.length == 0 ? "null"
        : Arrays.stream(items).map(Diffs::str).collect(Collectors.joining(",", "[", "]"));
  }

  private static String str(String s) {
    return Json.MAPPER.valueToTree(s).toString();
  }
}
