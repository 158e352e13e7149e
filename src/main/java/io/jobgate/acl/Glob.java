package io.jobgate.acl;

/** {@code *} matches any run of characters, nothing else is special (the go-glob Nomad uses). */
final class Glob {

  private Glob() {
  }

  static boolean matches(String pattern, String subject) {
    String[] parts = pattern.split("\\*", -1);
    if (parts.length == 1) {
      return pattern.equals(subject);
    }
    if (!subject.startsWith(parts[0])) {
      return false;
    }
    int at = parts[0].length();
    for (int i = 1; i < parts.length - 1; i++) {
      int found = subject.indexOf(parts[i], at);
      if (found < 0) {
        return false;
      }
      at = found + parts[i].length();
    }
    String last = parts[parts.length - 1];
    return subject.length() - at >= last.length() && subject.endsWith(last);
  }
}
