package io.jobgate.http;

import java.util.ArrayDeque;
import java.util.Deque;

/** Go's {@code ServeMux} path cleaning: {@code //}, {@code /./} and {@code /../} are redirected (spec §1.1). */
final class Paths {

  private Paths() {
  }

  static String clean(String path) {
    if (path.isEmpty()) {
      return "/";
    }
    Deque<String> parts = new ArrayDeque<>();
    for (String seg : path.split("/", -1)) {
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.equals("..")) {
        parts.pollLast();
      } else {
        parts.addLast(seg);
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String p : parts) {
      sb.append('/').append(p);
    }
    if (sb.length() == 0) {
      return "/";
    }
    if (path.endsWith("/")) {
      sb.append('/');
    }
    return sb.toString();
  }
}
