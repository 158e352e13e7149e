package io.jobgate.structs;

import java.util.Map;

/**
 * Go's {@code time.Duration} text forms. Nomad renders durations in validation messages with
 * {@code %v} (spec §5), and the HTTP layer parses {@code ?wait=} with {@code time.ParseDuration}
 * (spec §1.4), so both directions must match Go exactly.
 */
public final class GoDuration {

  public static final long NANOSECOND = 1L;
  public static final long MICROSECOND = 1_000L;
  public static final long MILLISECOND = 1_000_000L;
  public static final long SECOND = 1_000_000_000L;
  public static final long MINUTE = 60 * SECOND;
  public static final long HOUR = 60 * MINUTE;

  private static final Map<String, Long> UNITS = Map.of(
      "ns", NANOSECOND,
      "us", MICROSECOND,
      "\u00b5s", MICROSECOND, // micro sign
      "\u03bcs", MICROSECOND, // Greek mu
      "ms", MILLISECOND,
      "s", SECOND,
      "m", MINUTE,
      "h", HOUR);

  private GoDuration() {
  }

  /** {@code time.Duration.String()}: {@code 0s}, {@code 300ms}, {@code 1.5s}, {@code 1m0s}, {@code 24h0m0s}. */
  public static String format(long nanos) {
    if (nanos == 0) {
      return "0s";
    }
    boolean negative = nanos < 0;
    // Unsigned magnitude: -Long.MIN_VALUE is 2^63, which only fits as an unsigned long.
    long u = negative ? -nanos : nanos;
    StringBuilder out = new StringBuilder();
    if (Long.compareUnsigned(u, SECOND) < 0) {
      String unit;
      int precision;
      if (u < MICROSECOND) {
        unit = "ns";
        precision = 0;
      } else if (u < MILLISECOND) {
        unit = "\u00b5s";
        precision = 3;
      } else {
        unit = "ms";
        precision = 6;
      }
      out.append(Long.toString(u / pow10(precision))).append(fraction(u % pow10(precision), precision)).append(unit);
    } else {
      String frac = fraction(Long.remainderUnsigned(u, SECOND), 9);
      long secondsTotal = Long.divideUnsigned(u, SECOND);
      long minutesTotal = secondsTotal / 60;
      long hours = minutesTotal / 60;
      if (hours > 0) {
        out.append(hours).append('h');
      }
      if (minutesTotal > 0) {
        out.append(minutesTotal % 60).append('m');
      }
      out.append(secondsTotal % 60).append(frac).append('s');
    }
    return negative ? "-" + out : out.toString();
  }

  /** {@code ".5"} for remainder 5 of precision 1; empty when the remainder is zero (Go's fmtFrac). */
  private static String fraction(long remainder, int precision) {
    if (remainder == 0) {
      return "";
    }
    StringBuilder digits = new StringBuilder(Long.toString(remainder));
    while (digits.length() < precision) {
      digits.insert(0, '0');
    }
    int end = digits.length();
    while (digits.charAt(end - 1) == '0') {
      end--;
    }
    return "." + digits.substring(0, end);
  }

  private static long pow10(int n) {
    long p = 1;
    for (int i = 0; i < n; i++) {
      p *= 10;
    }
    return p;
  }

  /**
   * {@code time.ParseDuration}: an optional sign then one or more {@code <number><unit>} pairs, e.g.
   * {@code 1h30m}, {@code 2.5s}, {@code -1.5h}, {@code 300ms}. A bare {@code 0} is allowed.
   *
   * @throws IllegalArgumentException with Go's (1.10) error text on malformed input or overflow
   */
  public static long parse(String text) {
    String orig = text;
    String s = text;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      negative = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return 0;
    }
    if (s.isEmpty()) {
      throw invalid(orig);
    }
    long total = 0;
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (!(c == '.' || isDigit(c))) {
        throw invalid(orig);
      }
      int start = i;
      long whole = 0;
      while (i < s.length() && isDigit(s.charAt(i))) {
        if (whole > Long.MAX_VALUE / 10) {
          throw invalid(orig);
        }
        whole = whole * 10 + (s.charAt(i) - '0');
        if (whole < 0) {
          throw invalid(orig);
        }
        i++;
      }
      boolean pre = i != start;
      long frac = 0;
      double scale = 1;
      boolean post = false;
      if (i < s.length() && s.charAt(i) == '.') {
        i++;
        int fracStart = i;
        boolean overflow = false;
        while (i < s.length() && isDigit(s.charAt(i))) {
          // Like Go, digits beyond int64 precision are consumed but ignored.
          if (!overflow) {
            long next = frac * 10 + (s.charAt(i) - '0');
            if (frac > Long.MAX_VALUE / 10 || next < 0) {
              overflow = true;
            } else {
              frac = next;
              scale *= 10;
            }
          }
          i++;
        }
        post = i != fracStart;
      }
      if (!pre && !post) {
        throw invalid(orig);
      }
      int unitStart = i;
      while (i < s.length() && s.charAt(i) != '.' && !isDigit(s.charAt(i))) {
        i++;
      }
      if (i == unitStart) {
        throw new IllegalArgumentException("time: missing unit in duration " + orig);
      }
      String unitText = s.substring(unitStart, i);
      Long unit = UNITS.get(unitText);
      if (unit == null) {
        throw new IllegalArgumentException("time: unknown unit " + unitText + " in duration " + orig);
      }
      if (whole > Long.MAX_VALUE / unit) {
        throw invalid(orig);
      }
      long v = whole * unit;
      if (frac > 0) {
        v += (long) ((double) frac * ((double) unit / scale));
        if (v < 0) {
          throw invalid(orig);
        }
      }
      total += v;
      if (total < 0) {
        throw invalid(orig);
      }
    }
    return negative ? -total : total;
  }

  /** {@code time.Duration.Round(m)}: halfway values round away from zero; saturates on overflow. */
  public static long round(long d, long m) {
    if (m <= 0) {
      return d;
    }
    long r = d % m;
    if (d < 0) {
      r = -r;
      if (lessThanHalf(r, m)) {
        return d + r;
      }
      long d1 = d - m + r;
      return d1 < d ? d1 : Long.MIN_VALUE;
    }
    if (lessThanHalf(r, m)) {
      return d - r;
    }
    long d1 = d + m - r;
    return d1 > d ? d1 : Long.MAX_VALUE;
  }

  private static boolean lessThanHalf(long x, long y) {
    return Long.compareUnsigned(x + x, y) < 0;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static IllegalArgumentException invalid(String orig) {
    return new IllegalArgumentException("time: invalid duration " + orig);
  }
}
