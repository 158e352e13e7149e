package io.jobgate.structs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Null handling shared by canonicalisation and validation: a submitted job uses null for "unset"
 * (spec §1.2), Go's zero values are what Nomad stores in its place.
 */
final class Nulls {

  private Nulls() {
  }

  static <T> T or(T value, T fallback) {
    return value == null ? fallback : value;
  }

  static String str(String s) {
    return s == null ? "" : s;
  }

  static int num(Integer i) {
    return i == null ? 0 : i;
  }

  static long num(Long l) {
    return l == null ? 0 : l;
  }

  static boolean bool(Boolean b) {
    return b != null && b;
  }

  static <T> List<T> list(List<T> l) {
    return l == null ? List.of() : l;
  }

  static boolean isEmpty(Collection<?> c) {
    return c == null || c.isEmpty();
  }

  /** Nomad stores empty maps as nil so deep comparisons of nil and empty agree (spec §4.4). */
  static <K, V> Map<K, V> emptyToNull(Map<K, V> m) {
    return m == null || m.isEmpty() ? null : m;
  }

  static <T> List<T> emptyToNull(List<T> l) {
    return l == null || l.isEmpty() ? null : l;
  }

  /** Maps a list element by element; an empty list becomes null (the agent's conversion skips it). */
  static <T, R> List<R> mapList(List<T> l, Function<T, R> f) {
    if (l == null || l.isEmpty()) {
      return null;
    }
    List<R> out = new ArrayList<>(l.size());
    for (T t : l) {
      out.add(f.apply(t));
    }
    return out;
  }

  /** A JSON null inside a string list decodes to "" in Go. */
  static List<String> strings(List<String> l) {
    if (l == null) {
      return null;
    }
    List<String> out = new ArrayList<>(l.size());
    for (String s : l) {
      out.add(str(s));
    }
    return out;
  }
}
