package io.jobgate.structs;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compile check of a {@code regexp} constraint's RTarget (spec §5.4). Nomad uses Go's RE2 syntax;
 * java.util.regex does the heavy lifting, after a scan that rejects what RE2 rejects but Java
 * would accept (backreferences, look-around, possessive or nested repetition, repeat counts over
 * 1000) and rewrites what RE2 accepts but Java would not ({@code (?P<name>}, a literal
 * {@code {}). Error texts follow Go's {@code error parsing regexp: <code>: `<expr>`} form for the
 * common mistakes; rarer Java-only failures keep Java's description.
 */
final class GoRegexp {

  private static final int MAX_REPEAT = 1000;

  private GoRegexp() {
  }

  /** Go's compile error text for {@code expr}, or null when it compiles. */
  static String error(String expr) {
    Scan scan = new Scan(expr);
    String goError = scan.run();
    if (goError != null) {
      return goError;
    }
    try {
      Pattern.compile(scan.java.toString());
      return null;
    } catch (PatternSyntaxException e) {
      return fromJava(expr, e);
    }
  }

  private static String goError(String code, String expr) {
    return "error parsing regexp: " + code + ": `" + expr + "`";
  }

  private static String fromJava(String expr, PatternSyntaxException e) {
    String d = e.getDescription();
    if (d.startsWith("Unclosed group")) {
      return goError("missing closing )", expr);
    }
    if (d.startsWith("Unmatched closing ')'")) {
      return goError("unexpected )", expr);
    }
    if (d.startsWith("Unclosed character class")) {
      int open = expr.lastIndexOf('[');
      return goError("missing closing ]", open < 0 ? expr : expr.substring(open));
    }
    if (d.startsWith("Illegal character range")) {
      int at = Math.min(e.getIndex(), expr.length() - 1);
      return goError("invalid character class range", expr.substring(Math.max(0, at - 2), at + 1));
    }
    return "error parsing regexp: " + d;
  }

  /** One left-to-right pass producing either a Go error or the Java translation. */
  private static final class Scan {
    private final String re;
    private final StringBuilder java = new StringBuilder();
    private int i;
    /** Something precedes that a repetition operator may apply to. */
    private boolean atom;
    /** Start of the immediately preceding repetition operator, or -1. */
    private int lastRepeat = -1;

    Scan(String re) {
      this.re = re;
    }

    String run() {
      while (i < re.length()) {
        char c = re.charAt(i);
        String err = switch (c) {
          case '\\' -> escape(false);
          case '[' -> charClass();
          case '(' -> group();
          case '|' -> boundary(c);
          case ')' -> closeGroup();
          case '*', '+', '?' -> repeat(i, i + 1);
          case '{' -> brace();
          default -> plain(String.valueOf(c), 1);
        };
        if (err != null) {
          return err;
        }
      }
      return null;
    }

    private String plain(String javaText, int consumed) {
      java.append(javaText);
      i += consumed;
      atom = true;
      lastRepeat = -1;
      return null;
    }

    private String boundary(char c) {
      java.append(c);
      i++;
      atom = false;
      lastRepeat = -1;
      return null;
    }

    private String closeGroup() {
      return plain(")", 1);
    }

    private String repeat(int start, int end) {
      int opEnd = end < re.length() && re.charAt(end) == '?' ? end + 1 : end;
      if (lastRepeat >= 0) {
        return goError("invalid nested repetition operator", re.substring(lastRepeat, opEnd));
      }
      if (!atom) {
        return goError("missing argument to repetition operator", re.substring(start, opEnd));
      }
      java.append(re, start, opEnd);
      i = opEnd;
      lastRepeat = start;
      return null;
    }

    /** {@code {n}}, {@code {n,}} or {@code {n,m}} is a repetition; any other brace is a literal. */
    private String brace() {
      int close = re.indexOf('}', i);
      String body = close < 0 ? "" : re.substring(i + 1, close);
      if (!body.matches("\\d+(,\\d*)?")) {
        return plain("\\{", 1);
      }
      String[] bounds = body.split(",", -1);
      long min = parseBound(bounds[0]);
      long max = bounds.length == 1 ? min : bounds[1].isEmpty() ? -1 : parseBound(bounds[1]);
      if (min > MAX_REPEAT || max > MAX_REPEAT || (max >= 0 && min > max)) {
        return goError("invalid repeat count", re.substring(i, close + 1));
      }
      return repeat(i, close + 1);
    }

    private static long parseBound(String digits) {
      return digits.length() > 6 ? Long.MAX_VALUE : Long.parseLong(digits);
    }

    private String group() {
      if (!re.startsWith("(?", i)) {
        java.append('(');
        i++;
        atom = false;
        lastRepeat = -1;
        return null;
      }
      if (re.startsWith("(?P<", i)) {
        java.append("(?<");
        i += 4;
        atom = false;
        lastRepeat = -1;
        return null;
      }
      // Flag groups: (?flags) or (?flags:re); RE2 knows only i, m, s, U and negation.
      int j = i + 2;
      while (j < re.length() && "imsU-".indexOf(re.charAt(j)) >= 0) {
        j++;
      }
      if (j >= re.length()) {
        return goError("missing closing )", re);
      }
      char end = re.charAt(j);
      String flags = re.substring(i + 2, j);
      int minus = flags.indexOf('-');
      boolean badNegation = minus >= 0 && (minus == flags.length() - 1 || flags.indexOf('-', minus + 1) >= 0);
      if ((end != ':' && end != ')') || badNegation) {
        return goError("invalid or unsupported Perl syntax", re.substring(i, j + 1));
      }
      // Java has no ungreedy flag (and no empty flag group); for a syntax check dropping them is harmless.
      String javaFlags = flags.replace("U", "");
      if (javaFlags.isEmpty() || javaFlags.equals("-")) {
        java.append(end == ':' ? "(?:" : "");
      } else {
        java.append("(?").append(javaFlags).append(end);
      }
      i = j + 1;
      if (end == ':') {
        atom = false;
      }
      lastRepeat = -1;
      return null;
    }

    private String charClass() {
      java.append('[');
      i++;
      if (i < re.length() && re.charAt(i) == '^') {
        java.append('^');
        i++;
      }
      // A leading ']' is a literal in RE2.
      if (i < re.length() && re.charAt(i) == ']') {
        java.append("\\]");
        i++;
      }
      while (i < re.length() && re.charAt(i) != ']') {
        char c = re.charAt(i);
        if (c == '\\') {
          String err = escape(true);
          if (err != null) {
            return err;
          }
        } else if (re.startsWith("[:", i) && re.indexOf(":]", i + 2) > 0) {
          // POSIX class such as [:alpha:]; any single character stands in for the syntax check.
          java.append('x');
          i = re.indexOf(":]", i + 2) + 2;
        } else {
          // '[' and '&' are plain in RE2 classes but special in Java's.
          java.append(c == '[' || c == '&' ? "\\" + c : String.valueOf(c));
          i++;
        }
      }
      if (i < re.length()) {
        java.append(']');
        i++;
      }
      atom = true;
      lastRepeat = -1;
      return null;
    }

    private String escape(boolean inClass) {
      if (i + 1 >= re.length()) {
        return goError("trailing backslash at end of expression", "");
      }
      char c = re.charAt(i + 1);
      if (c == 'Q' && !inClass) {
        int end = re.indexOf("\\E", i + 2);
        String literal = end < 0 ? re.substring(i + 2) : re.substring(i + 2, end);
        java.append(Pattern.quote(literal));
        i = end < 0 ? re.length() : end + 2;
        atom = atom || !literal.isEmpty();
        lastRepeat = -1;
        return null;
      }
      if (c >= '0' && c <= '7') {
        int j = i + 2;
        while (j < re.length() && j < i + 4 && re.charAt(j) >= '0' && re.charAt(j) <= '7') {
          j++;
        }
        // A lone \1..\7 is a backreference, which RE2 does not support.
        if (c != '0' && j == i + 2) {
          return goError("invalid escape sequence", re.substring(i, i + 2));
        }
        // Java spells octal escapes with a leading zero.
        String octal = "\\0" + re.substring(i + 1, j);
        return inClass ? appendInClass(octal, j) : plain(octal, j - i);
      }
      if ((c == 'x' || c == 'p' || c == 'P') && i + 2 < re.length() && re.charAt(i + 2) == '{') {
        // \x{263a}, \p{Greek}: the braces belong to the escape, not to a repetition.
        int close = re.indexOf('}', i + 2);
        if (close < 0) {
          return goError(c == 'x' ? "invalid escape sequence" : "invalid character class range", re.substring(i));
        }
        String javaText = re.substring(i, close + 1);
        if (c != 'x') {
          // Go names Unicode scripts and categories bare (\p{Greek}); Java wants them prefixed.
          String name = re.substring(i + 3, close).replaceFirst("^\\^", "");
          if (!name.equals("Any") && !isJavaProperty(name)) {
            return goError("invalid character class range", javaText);
          }
          javaText = "x";
        }
        return inClass ? appendInClass(javaText, close + 1) : plain(javaText, close + 1 - i);
      }
      boolean known = "afnrtvdDsSwWpPx".indexOf(c) >= 0 || (!inClass && "bBAz".indexOf(c) >= 0);
      boolean punctuation = c < 0x80 && !Character.isLetterOrDigit(c);
      if (!known && !punctuation) {
        return goError("invalid escape sequence", re.substring(i, i + 2));
      }
      return inClass ? appendInClass(re.substring(i, i + 2), i + 2) : plain(re.substring(i, i + 2), 2);
    }

    private static boolean isJavaProperty(String name) {
      try {
        Pattern.compile("\\p{Is" + name + "}");
        return true;
      } catch (PatternSyntaxException e) {
        return false;
      }
    }

    private String appendInClass(String javaText, int next) {
      java.append(javaText);
      i = next;
      return null;
    }
  }
}
