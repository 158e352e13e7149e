package io.jobgate.structs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A periodic job's cron expression, parsed with the syntax and error texts of
 * {@code github.com/gorhill/cronexpr}, which Nomad 0.8 uses (spec §11): 5 fields
 * ({@code min hour dom month dow}), 6 (plus year) or 7 (seconds first); {@code *}, {@code ?},
 * values, ranges, lists, steps, month/weekday names, {@code L}, {@code W}, {@code LW},
 * {@code 5L}, {@code FRI#2} and the {@code @yearly}-style macros.
 *
 * <p>Only validation is needed today; the expanded field texts are kept for a later "next launch"
 * computation.
 */
public final class CronSpec {

  /** Applied wherever they occur in the line, like cronexpr's {@code strings.Replacer}. */
  private static final String[][] MACROS = {
      {"@yearly", "0 0 0 1 1 * *"},
      {"@annually", "0 0 0 1 1 * *"},
      {"@monthly", "0 0 0 1 * * *"},
      {"@weekly", "0 0 0 * * 0 *"},
      {"@daily", "0 0 0 * * * *"},
      {"@midnight", "0 0 0 * * * *"},
      {"@hourly", "0 0 * * * * *"},
  };

  private static final String MONTH_NAMES = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
      + "|january|february|march|april|june|july|august|september|october|november|december";
  private static final String DOW_NAMES = "sun|mon|tue|wed|thu|fri|sat"
      + "|sunday|monday|tuesday|wednesday|thursday|friday|saturday";

  private static final Field SECOND = new Field("second", 59, "0?[0-9]|[1-5][0-9]");
  private static final Field MINUTE = new Field("minute", 59, "0?[0-9]|[1-5][0-9]");
  private static final Field HOUR = new Field("hour", 23, "0?[0-9]|1[0-9]|2[0-3]");
  private static final Field DAY_OF_MONTH = new Field("day-of-month", 31, "0?[1-9]|[12][0-9]|3[01]");
  private static final Field MONTH = new Field("month", 12, "0?[1-9]|1[012]|" + MONTH_NAMES);
  private static final Field DAY_OF_WEEK = new Field("day-of-week", 6, "0?[0-7]|" + DOW_NAMES);
  private static final Field YEAR = new Field("year", 2099, "19[789][0-9]|20[0-9]{2}");

  private static final Pattern WORKDAY_OF_MONTH = DAY_OF_MONTH.layout("^(%v)w$");
  private static final Pattern LAST_WEEKDAY_OF_MONTH = DAY_OF_WEEK.layout("^(%v)l$");
  private static final Pattern NTH_WEEKDAY_OF_MONTH = DAY_OF_WEEK.layout("^(%v)#([1-5])$");

  private static final Pattern ENTRY = Pattern.compile("[^,]+");
  private static final Pattern WILDCARD = Pattern.compile("^\\*$|^\\?$");
  private static final Pattern WILDCARD_STEP = Pattern.compile("^\\*/(\\d+)$");

  private final String expression;
  private final List<String> fields;

  private CronSpec(String expression, List<String> fields) {
    this.expression = expression;
    this.fields = List.copyOf(fields);
  }

  public String expression() {
    return expression;
  }

  /**
   * The seven fields {@code sec min hour dom month dow year} after macro expansion, with the
   * defaults cronexpr applies for shorter forms ({@code 0} seconds, {@code *} year).
   */
  public List<String> fields() {
    return fields;
  }

  /**
   * Parses {@code spec}.
   *
   * @throws IllegalArgumentException with cronexpr's error text, e.g. {@code missing field(s)} or
   *     {@code syntax error in minute field: '60'}
   */
  public static CronSpec parse(String spec) {
    List<String> raw = splitFields(expandMacros(spec));
    if (raw.size() < 5) {
      throw new IllegalArgumentException("missing field(s)");
    }
    // cronexpr ignores anything beyond the seventh field.
    List<String> given = raw.subList(0, Math.min(raw.size(), 7));
    List<String> normalized = new ArrayList<>(7);
    int next = 0;
    if (given.size() == 7) {
      SECOND.parseGeneric(given.get(next++));
      normalized.add(given.get(0));
    } else {
      normalized.add("0");
    }
    MINUTE.parseGeneric(given.get(next));
    HOUR.parseGeneric(given.get(next + 1));
    parseDayOfMonth(given.get(next + 2));
    MONTH.parseGeneric(given.get(next + 3));
    parseDayOfWeek(given.get(next + 4));
    normalized.addAll(given.subList(next, next + 5));
    next += 5;
    if (next < given.size()) {
      YEAR.parseGeneric(given.get(next));
      normalized.add(given.get(next));
    } else {
      normalized.add("*");
    }
    return new CronSpec(spec, normalized);
  }

  private static String expandMacros(String line) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    outer:
    while (i < line.length()) {
      for (String[] macro : MACROS) {
        if (line.startsWith(macro[0], i)) {
          out.append(macro[1]);
          i += macro[0].length();
          continue outer;
        }
      }
      out.append(line.charAt(i++));
    }
    return out.toString();
  }

  /** Go's RE2 {@code \S+}: runs of characters other than tab, newline, form feed, CR and space. */
  private static List<String> splitFields(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (char c : line.toCharArray()) {
      if (c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r') {
        if (current.length() > 0) {
          out.add(current.toString());
          current.setLength(0);
        }
      } else {
        current.append(c);
      }
    }
    if (current.length() > 0) {
      out.add(current.toString());
    }
    return out;
  }

  /** Day-of-month additionally accepts {@code L}, {@code LW} and {@code <day>W}. */
  private static void parseDayOfMonth(String field) {
    for (String entry : DAY_OF_MONTH.unmatchedEntries(field)) {
      String lower = entry.toLowerCase(Locale.ROOT);
      if (!(lower.equals("l") || lower.equals("lw") || WORKDAY_OF_MONTH.matcher(lower).matches())) {
        throw syntaxError(DAY_OF_MONTH, entry);
      }
    }
  }

  /** Day-of-week additionally accepts {@code <dow>L} (last in month) and {@code <dow>#<1-5>}. */
  private static void parseDayOfWeek(String field) {
    for (String entry : DAY_OF_WEEK.unmatchedEntries(field)) {
      String lower = entry.toLowerCase(Locale.ROOT);
      if (!(LAST_WEEKDAY_OF_MONTH.matcher(lower).matches()
          || NTH_WEEKDAY_OF_MONTH.matcher(lower).matches())) {
        throw syntaxError(DAY_OF_WEEK, entry);
      }
    }
  }

  private static IllegalArgumentException syntaxError(Field field, String entry) {
    return new IllegalArgumentException("syntax error in " + field.name + " field: '" + entry + "'");
  }

  /** One cron field's grammar (cronexpr's {@code fieldDescriptor}); {@code max} bounds steps. */
  private static final class Field {
    private final String name;
    private final int max;
    private final String valuePattern;
    private final Pattern value;
    private final Pattern range;
    private final Pattern valueStep;
    private final Pattern rangeStep;

    Field(String name, int max, String valuePattern) {
      this.name = name;
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

    /** A field accepting only the generic directives: anything else is a syntax error. */
    void parseGeneric(String field) {
      List<String> unmatched = unmatchedEntries(field);
      if (!unmatched.isEmpty()) {
        throw syntaxError(this, unmatched.get(0));
      }
    }

    /**
     * Checks every comma-separated entry against the generic directives ({@code *}, value, range,
     * steps) and returns the entries that match none of them, for the field's special forms.
     */
    List<String> unmatchedEntries(String field) {
      List<String> unmatched = new ArrayList<>();
      Matcher entries = ENTRY.matcher(field);
      boolean any = false;
      while (entries.find()) {
        any = true;
        String entry = entries.group();
        if (!isGenericDirective(entry.toLowerCase(Locale.ROOT))) {
          unmatched.add(entry);
        }
      }
      if (!any) {
        throw new IllegalArgumentException(name + " field: missing directive");
      }
      return unmatched;
    }

    private boolean isGenericDirective(String s) {
      if (WILDCARD.matcher(s).matches() || value.matcher(s).matches() || range.matcher(s).matches()) {
        return true;
      }
      Matcher m = WILDCARD_STEP.matcher(s);
      if (m.matches()) {
        checkStep(m.group(1), s);
        return true;
      }
      m = valueStep.matcher(s);
      if (m.matches()) {
        checkStep(m.group(m.groupCount()), s);
        return true;
      }
      m = rangeStep.matcher(s);
      if (m.matches()) {
        checkStep(m.group(m.groupCount()), s);
        return true;
      }
      return false;
    }

    private void checkStep(String digits, String entry) {
      int step = digits.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(digits);
      if (step < 1 || step > max) {
        throw new IllegalArgumentException("invalid interval " + entry);
      }
    }
  }
}
