package io.jobgate.structs;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Slash-separated path helpers with Go's {@code path}/{@code filepath} semantics (Unix), used for
 * artifact destinations (spec §4.4) and the "escapes the allocation directory" checks (§5.3).
 */
final class GoPaths {

  /** Nomad checks escapes against a fake alloc dir; only the relative result matters. */
  private static final String ALLOC_DIR = "/alloc-dir/alloc-id";

  private GoPaths() {
  }

  /** Go's {@code path.Clean}. */
  static String clean(String path) {
    if (path.isEmpty()) {
      return ".";
    }
    boolean rooted = path.startsWith("/");
    Deque<String> parts = new ArrayDeque<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!parts.isEmpty() && !parts.peekLast().equals("..")) {
          parts.removeLast();
        } else if (!rooted) {
          parts.addLast(part);
        }
        continue;
      }
      parts.addLast(part);
    }
    String joined = String.join("/", parts);
    if (rooted) {
      return "/" + joined;
    }
    return joined.isEmpty() ? "." : joined;
  }

  /** Go's {@code path.Base}: the last element, trailing slashes ignored. */
  static String base(String path) {
    if (path.isEmpty()) {
      return ".";
    }
    String trimmed = path;
    while (trimmed.length() > 1 && trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    if (trimmed.equals("/")) {
      return "/";
    }
    return trimmed.substring(trimmed.lastIndexOf('/') + 1);
  }

  /** Go's {@code filepath.Join}: non-empty elements joined by slashes, then cleaned. */
  static String join(String... elements) {
    StringBuilder b = new StringBuilder();
    for (String e : elements) {
      if (e.isEmpty()) {
        continue;
      }
      if (b.length() > 0) {
        b.append('/');
      }
      b.append(e);
    }
    return b.length() == 0 ? "" : clean(b.toString());
  }

  /** Nomad's {@code PathEscapesAllocDir(prefix, path)}. */
  static boolean escapesAllocDir(String prefix, String path) {
    String abs = join(ALLOC_DIR, prefix, path);
    return !(abs.equals(ALLOC_DIR) || abs.startsWith(ALLOC_DIR + "/"));
  }
}
