package io.jobgate.structs;

import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * A periodic job's cron expression (spec §11): the one parser both validation and the launcher
 * use. The syntax and error texts are those of {@code github.com/gorhill/cronexpr}, which Nomad
 * 0.8 uses: 5 fields ({@code min hour dom month dow}), 6 (plus year) or 7 (seconds first);
 * {@code *}, {@code ?}, values, ranges, lists, steps, month/weekday names, {@code L}, {@code W},
 * {@code LW}, {@code 5L}, {@code FRI#2} and the {@code @yearly}-style macros.
 *
 * <p>Times are computed by cron-utils on the expanded seconds, minutes, hours, months and years,
 * which gives it the calendar and daylight-saving arithmetic: a wall-clock time that a DST jump
 * skips does not fire that day, one that repeats fires once (as Nomad's later cronexpr fork does;
 * 0.8's copy could fire repeatedly). Where cron-utils departs from cronexpr this class fills the
 * gap: the field layouts and macros, full month/weekday names, reversed ranges (match nothing),
 * Sunday as 7, and the day rules in {@link CronDays} (either day field may match, {@code L} or
 * {@code W} inside lists, {@code W} at a month's end).
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

  /** cronexpr's years end with 2099; no date after it can match. */
  private static final LocalDate LAST_DATE = LocalDate.of(2099, 12, 31);

  /** Seconds, minutes, hours, every day of the month, months, any weekday, years. */
  private static final CronDefinition TIMES = CronDefinitionBuilder.defineCron()
      .withSeconds().withValidRange(0, 59).and()
      .withMinutes().withValidRange(0, 59).and()
      .withHours().withValidRange(0, 23).and()
      .withDayOfMonth().withValidRange(1, 31).and()
      .withMonth().withValidRange(1, 12).and()
      .withDayOfWeek().withValidRange(0, 6).supportsQuestionMark().and()
      .withYear().withValidRange(1970, 2099).and()
      .instance();
  private static final CronParser PARSER = new CronParser(TIMES);

  private final String expression;
  /** Null when a time field matches nothing: cronexpr panics on such expressions when asked. */
  private final ExecutionTime times;
  private final CronDays days;
  /** No year left: cronexpr answers "no next time" before it looks at any other field. */
  private final boolean noYear;

  private CronSpec(String expression, ExecutionTime times, CronDays days, boolean noYear) {
    this.expression = expression;
    this.times = times;
    this.days = days;
    this.noYear = noYear;
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
    int next = 0;
    BitSet seconds = new BitSet();
    if (given.size() == 7) {
      seconds = CronField.SECOND.values(given.get(next++));
    } else {
      seconds.set(0);
    }
    BitSet minutes = CronField.MINUTE.values(given.get(next++));
    BitSet hours = CronField.HOUR.values(given.get(next++));
    CronDays days = new CronDays();
    days.parseDayOfMonth(given.get(next++));
    BitSet months = CronField.MONTH.values(given.get(next++));
    days.parseDayOfWeek(given.get(next++));
    BitSet years = new BitSet();
    if (next < given.size()) {
      years = CronField.YEAR.values(given.get(next));
    } else {
      years.set(CronField.YEAR.min, CronField.YEAR.max + 1);
    }
    ExecutionTime times = null;
    if (!seconds.isEmpty() && !minutes.isEmpty() && !hours.isEmpty() && !months.isEmpty() && !years.isEmpty()) {
      String line = list(seconds, CronField.SECOND) + " " + list(minutes, CronField.MINUTE) + " "
          + list(hours, CronField.HOUR) + " * " + list(months, CronField.MONTH) + " ? " + list(years, CronField.YEAR);
      try {
        times = ExecutionTime.forCron(PARSER.parse(line));
      } catch (IllegalArgumentException e) {
        // Every value is in range by now: a refusal here is a bug of ours, not the user's spec.
        throw new IllegalStateException("cron-utils refused " + line + " from " + spec, e);
      }
    }
    return new CronSpec(spec, times, days, years.isEmpty());
  }

  /**
   * The first time strictly after {@code after} (at second resolution) that matches, in
   * {@code after}'s zone; empty when no such time exists before 2100.
   *
   * @throws IllegalStateException for an expression whose seconds, minutes, hours or months match
   *     nothing, with the text Nomad reports when cronexpr panics on it
   */
  public Optional<ZonedDateTime> next(ZonedDateTime after) {
    if (noYear) {
      return Optional.empty();
    }
    if (times == null) {
      throw new IllegalStateException("failed parsing cron expression: " + GoFmt.q(expression));
    }
    if (days.never()) {
      return Optional.empty();
    }
    ZonedDateTime from = after.truncatedTo(ChronoUnit.SECONDS);
    while (true) {
      Optional<ZonedDateTime> t = times.nextExecution(from);
      if (t.isEmpty() || days.matches(t.get().toLocalDate())) {
        return t;
      }
      LocalDate day = days.nextMatch(t.get().toLocalDate().plusDays(1), LAST_DATE);
      if (day == null) {
        return Optional.empty();
      }
      from = day.atStartOfDay(after.getZone()).minusSeconds(1);
    }
  }

  /** A value set as cron-utils reads it: {@code *} when complete, else the values listed. */
  private static String list(BitSet values, CronField field) {
    if (values.cardinality() == field.max - field.min + 1) {
      return "*";
    }
    StringJoiner j = new StringJoiner(",");
    values.stream().forEach(v -> j.add(Integer.toString(v)));
    return j.toString();
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
}
