package io.jobgate.scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code version} constraint operand as {@code hashicorp/go-version} evaluates it: the LTarget
 * is a version, the RTarget comma-separated terms {@code <op> <version>} that must all hold
 * ({@code =}, {@code !=}, {@code >}, {@code <}, {@code >=}, {@code <=}, {@code ~>}).
 */
final class Versions {

  private static final Pattern VERSION =
      Pattern.compile("^v?([0-9]+(?:\\.[0-9]+)*)(?:-([0-9A-Za-z\\-~.]+))?(?:\\+[0-9A-Za-z\\-~.]+)?$");
  private static final Pattern TERM = Pattern.compile("^\\s*(>=|<=|~>|!=|=|>|<|)\\s*(\\S+)\\s*$");

  private Versions() {
  }

  static boolean satisfies(String version, String constraint) {
    Parsed v = parse(version.trim());
    if (v == null) {
      return false;
    }
    for (String term : constraint.split(",")) {
      Matcher m = TERM.matcher(term);
      if (!m.matches()) {
        return false;
      }
      Parsed want = parse(m.group(2));
      if (want == null || !holds(m.group(1), v, want)) {
        return false;
      }
    }
    return true;
  }

  private static boolean holds(String op, Parsed v, Parsed want) {
    int c = v.compareTo(want);
    return switch (op) {
      case "", "=" -> c == 0;
      case "!=" -> c != 0;
      case ">" -> c > 0;
      case "<" -> c < 0;
      case ">=" -> c >= 0;
      case "<=" -> c <= 0;
      case "~>" -> c >= 0 && pessimistic(v, want);
      default -> false;
    };
  }

  /** {@code ~> 1.2.3} means {@code >= 1.2.3, < 1.3}: every segment but the last must match. */
  private static boolean pessimistic(Parsed v, Parsed want) {
    for (int i = 0; i < want.given - 1; i++) {
      if (v.segment(i) != want.segment(i)) {
        return false;
      }
    }
    return true;
  }

  private static Parsed parse(String s) {
    Matcher m = VERSION.matcher(s);
    if (!m.matches()) {
      return null;
    }
    List<Long> segs = new ArrayList<>();
    for (String p : m.group(1).split("\\.")) {
      segs.add(Long.parseLong(p));
    }
    return new Parsed(segs, segs.size(), m.group(2) == null ? "" : m.group(2));
  }

  private record Parsed(List<Long> segments, int given, String pre) implements Comparable<Parsed> {

    long segment(int i) {
      return i < segments.size() ? segments.get(i) : 0;
    }

    @Override
    public int compareTo(Parsed o) {
      int n = Math.max(Math.max(segments.size(), o.segments.size()), 3);
      for (int i = 0; i < n; i++) {
        int c = Long.compare(segment(i), o.segment(i));
        if (c != 0) {
          return c;
        }
      }
      if (pre.equals(o.pre)) {
        return 0;
      }
      if (pre.isEmpty()) {
        return 1;
      }
      if (o.pre.isEmpty()) {
        return -1;
      }
      return pre.compareTo(o.pre);
    }
  }
}
