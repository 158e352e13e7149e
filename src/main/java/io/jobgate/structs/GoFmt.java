package io.jobgate.structs;

import java.util.Collection;

/**
 * The few Go {@code fmt} verbs Nomad's messages use (spec notation: {@code %q}, {@code [a b]}).
 */
final class GoFmt {

  private GoFmt() {
  }

  /** {@code %q}: a double-quoted Go string literal; printable non-ASCII characters are kept. */
  static String q(String s) {
    return quote(s, false);
  }

  /** {@code %+q}: like {@code %q} but every non-ASCII character is escaped. */
  static String qAscii(String s) {
    return quote(s, true);
  }

  /** {@code %q} applied to a list: {@code ["a" "b"]}. */
  static String qList(Collection<String> items) {
    StringBuilder b = new StringBuilder("[");
    for (String item : items) {
      if (b.length() > 1) {
        b.append(' ');
      }
      b.append(q(item));
    }
    return b.append(']').toString();
  }

  /** {@code %v} of a string slice: {@code [a b]}. */
  static String list(Collection<String> items) {
    return "[" + String.join(" ", items) + "]";
  }

  private static String quote(String s, boolean asciiOnly) {
    String value = s == null ? "" : s;
    StringBuilder b = new StringBuilder("\"");
    value.codePoints().forEach(cp -> appendEscaped(b, cp, asciiOnly));
    return b.append('"').toString();
  }

  private static void appendEscaped(StringBuilder b, int cp, boolean asciiOnly) {
    switch (cp) {
      case '"' -> b.append("\\\"");
      case '\\' -> b.append("\\\\");
      case 0x07 -> b.append("\\a");
      case '\b' -> b.append("\\b");
      case '\f' -> b.append("\\f");
      case '\n' -> b.append("\\n");
      case '\r' -> b.append("\\r");
      case '\t' -> b.append("\\t");
      case 0x0b -> b.append("\\v");
      default -> {
        if (cp < 0x80) {
          if (cp < 0x20 || cp == 0x7f) {
            b.append(String.format("\\x%02x", cp));
          } else {
            b.appendCodePoint(cp);
          }
        } else if (!asciiOnly && isPrintable(cp)) {
          b.appendCodePoint(cp);
        } else if (cp <= 0xffff) {
          b.append(String.format("\\u%04x", cp));
        } else {
          b.append(String.format("\\U%08x", cp));
        }
      }
    }
  }

  private static boolean isPrintable(int cp) {
    int type = Character.getType(cp);
    return type != Character.CONTROL && type != Character.FORMAT && type != Character.UNASSIGNED
        && type != Character.SURROGATE && type != Character.PRIVATE_USE
        && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR
        && (type != Character.SPACE_SEPARATOR || cp == ' ');
  }
}
