package io.jobgate.structs;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One cron field's grammar, as {@code github.com/gorhill/cronexpr} (Nomad 0.8) reads it: the
 * comma-separated entries {@code *}, {@code ?}, values, ranges and steps, with cronexpr's error
 * texts. Entries it does not know (such as {@code L} or {@code 5#2}) are handed back as
 * {@link Kind#NONE} for the day fields to interpret.
 */
final class CronField {

  private static final String MONTH_NAMES = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
      + "|january|february|march|april|june|july|august|september|october|november|december";
  private static final String DOW_NAMES = "sun|mon|tue|wed|thu|fri|sat"
      + "|sunday|monday|tuesday|wednesday|thursday|friday|saturday";
  private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
      "oct", "nov", "dec");
  private static final List<String> DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");

  static final CronField SECOND = new CronField("second", 0, 59, "0?[0-9]|[1-5][0-9]");
  static final CronField MINUTE = new CronField("minute", 0, 59, "0?[0-9]|[1-5][0-9]");
  static final CronField HOUR = new CronField("hour", 0, 23, "0?[0-9]|1[0-9]|2[0-3]");
  static final CronField DAY_OF_MONTH = new CronField("day-of-month", 1, 31, "0?[1-9]|[12][0-9]|3[01]");
  static final CronField MONTH = new CronField("month", 1, 12, "0?[1-9]|1[012]|" + MONTH_NAMES);
  /** Values run 0–7 (7 is Sunday again) but steps are bounded by 6, as in cronexpr. */
  static final CronField DAY_OF_WEEK = new CronField("day-of-week", 0, 6, "0?[0-7]|" + DOW_NAMES);
  static final CronField YEAR = new CronField("year", 1970, 2099, "19[789][0-9]|20[0-9]{2}");

  private static final Pattern ENTRY = Pattern.compile("[^,]+");
  private static final Pattern WILDCARD = Pattern.compile("^\\*$|^\\?$");
  private static final Pattern WILDCARD_STEP = Pattern.compile("^\\*/(\\d+)$");

  /** How cronexpr classifies an entry: unknown, one value, a stepped span, or the wildcard. */
  enum Kind { NONE, ONE, SPAN, ALL }

  /** One entry of a field; {@code text} is as written (for error messages). */
  record Directive(Kind kind, String text, int first, int last, int step) {
  }

  final String name;
  final int min;
  final int max;
  private final String valuePattern;
  private final Pattern value;
  private final Pattern range;
  private final Pattern valueStep;
  private final Pattern rangeStep;

  private CronField(String name, int min, int max, String valuePattern) {
    this.name = name;
    this.min = min;
    this.max = max;
    this.valuePattern = valuePattern;
    this.value = layout("^(%v)$");
    this.range = layout("^(%v)-(%v)$");
    this.valueStep = layout("^(%v)/(\\d+)$");
    this.rangeStep = layout("^(%v)-(%v)/(\\d+)$");
  }

  Pattern layout(String template) {
    return Pattern.compile(template.replace("%v", valuePattern));
  }

  /** A field that only knows the generic entries: the set of values it matches. */
  BitSet values(String field) {
    BitSet out = new BitSet();
    for (Directive d : directives(field)) {
      if (d.kind() == Kind.NONE) {
        throw syntaxError(d.text());
      }
      add(out, d);
    }
    return out;
  }

  /**
   * Adds a generic directive's values. A reversed range such as {@code 5-2} adds nothing, as in
   * cronexpr. One deliberate exception: a day-of-week range that ends on Sunday written as
   * {@code 7} or {@code SUN} ({@code 1-7}, {@code MON-SUN}) runs through Sunday, where cronexpr
   * silently matched nothing.
   */
  void add(BitSet out, Directive d) {
    switch (d.kind()) {
      case ONE -> out.set(d.first());
      case ALL -> out.set(min, max + 1);
      case SPAN -> {
        boolean weekday = this == DAY_OF_WEEK;
        int last = weekday && d.last() == 0 && d.first() > 0 ? 7 : d.last();
        for (int i = d.first(); i <= last; i += d.step()) {
          out.set(weekday ? i % 7 : i);
        }
      }
      default -> throw new IllegalStateException(d.kind().name());
    }
  }

  /**
   * Classifies every entry of {@code field}, in order. Step bounds are checked here, so an invalid
   * interval anywhere in the field is reported before a syntax error, as cronexpr does.
   */
  List<Directive> directives(String field) {
    List<Directive> out = new ArrayList<>();
    Matcher entries = ENTRY.matcher(field);
    while (entries.find()) {
      out.add(directive(entries.group()));
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(name + " field: missing directive");
    }
    return out;
  }

  private Directive directive(String entry) {
    String s = entry.toLowerCase(Locale.ROOT);
    if (WILDCARD.matcher(s).matches()) {
      return new Directive(Kind.ALL, entry, min, max, 1);
    }
    if (value.matcher(s).matches()) {
      return new Directive(Kind.ONE, entry, atoi(s), 0, 0);
    }
    Matcher m = range.matcher(s);
    if (m.matches()) {
      return new Directive(Kind.SPAN, entry, atoi(m.group(1)), atoi(m.group(2)), 1);
    }
    m = WILDCARD_STEP.matcher(s);
    if (m.matches()) {
      return new Directive(Kind.SPAN, entry, min, max, step(m.group(1), s));
    }
    m = valueStep.matcher(s);
    if (m.matches()) {
      return new Directive(Kind.SPAN, entry, atoi(m.group(1)), max, step(m.group(2), s));
    }
    m = rangeStep.matcher(s);
    if (m.matches()) {
      return new Directive(Kind.SPAN, entry, atoi(m.group(1)), atoi(m.group(2)), step(m.group(3), s));
    }
    return new Directive(Kind.NONE, entry, 0, 0, 0);
  }

  /** A value the field's pattern accepted: a number, a month or weekday name; 7 is Sunday. */
  int atoi(String s) {
    if (Character.isDigit(s.charAt(0))) {
      int v = Integer.parseInt(s);
      return this == DAY_OF_WEEK ? v % 7 : v;
    }
    String prefix = s.substring(0, 3);
    return this == MONTH ? MONTHS.indexOf(prefix) + 1 : DAYS.indexOf(prefix);
  }

  /**
   * cronexpr reads a step through its table of known numbers (0–59 with optional leading zero, and
   * the years): anything else counts as 0 and is refused like a step out of bounds.
   */
  private int step(String digits, String entry) {
    int n = 0;
    if (digits.length() <= 2) {
      n = Integer.parseInt(digits);
      n = n <= 59 ? n : 0;
    } else if (digits.length() == 4) {
      int year = Integer.parseInt(digits);
      n = year >= 1970 && year <= 2099 ? year : 0;
    }
    if (n < 1 || n > max) {
      throw new IllegalArgumentException("invalid interval " + entry);
    }
    return n;
  }

  IllegalArgumentException syntaxError(String entry) {
    return new IllegalArgumentException("syntax error in " + name + " field: '" + entry + "'");
  }
}
