package io.jobgate.structs;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.BitSet;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which days a cron expression fires on: cronexpr's day-of-month and day-of-week rules, which the
 * cron library does not reproduce. As in Vixie cron, a day matches when either field matches if
 * both are restricted; a field is restricted unless it contains {@code *} or {@code ?}. The
 * day-of-month field adds {@code L} (last day), {@code LW} (last weekday) and {@code 15W} (weekday
 * nearest the 15th, never crossing the month); day-of-week adds {@code 5L} (last Friday) and
 * {@code 5#2} (second Friday).
 */
final class CronDays {

  private static final Pattern WORKDAY = CronField.DAY_OF_MONTH.layout("^(%v)w$");
  private static final Pattern LAST_OF_WEEK = CronField.DAY_OF_WEEK.layout("^(%v)l$");
  private static final Pattern NTH_OF_WEEK = CronField.DAY_OF_WEEK.layout("^(%v)#([1-5])$");

  private boolean domRestricted = true;
  private final BitSet daysOfMonth = new BitSet();
  private final BitSet workdaysOfMonth = new BitSet();
  private boolean lastDayOfMonth;
  private boolean lastWorkdayOfMonth;

  private boolean dowRestricted = true;
  private final BitSet daysOfWeek = new BitSet();
  private final BitSet lastDaysOfWeek = new BitSet();
  /** {@code (n - 1) * 7 + weekday} for each {@code weekday#n}. */
  private final BitSet nthDaysOfWeek = new BitSet();

  /** Errors carry cronexpr's texts; the caller parses the fields in cronexpr's order. */
  void parseDayOfMonth(String field) {
    for (CronField.Directive d : CronField.DAY_OF_MONTH.directives(field)) {
      String s = d.text().toLowerCase(Locale.ROOT);
      switch (d.kind()) {
        case NONE -> {
          Matcher w = WORKDAY.matcher(s);
          if (s.equals("l")) {
            lastDayOfMonth = true;
          } else if (s.equals("lw")) {
            lastWorkdayOfMonth = true;
          } else if (w.matches()) {
            workdaysOfMonth.set(CronField.DAY_OF_MONTH.atoi(w.group(1)));
          } else {
            throw CronField.DAY_OF_MONTH.syntaxError(d.text());
          }
        }
        case ALL -> domRestricted = false;
        default -> CronField.DAY_OF_MONTH.add(daysOfMonth, d);
      }
    }
  }

  void parseDayOfWeek(String field) {
    for (CronField.Directive d : CronField.DAY_OF_WEEK.directives(field)) {
      String s = d.text().toLowerCase(Locale.ROOT);
      switch (d.kind()) {
        case NONE -> {
          Matcher last = LAST_OF_WEEK.matcher(s);
          Matcher nth = NTH_OF_WEEK.matcher(s);
          if (last.matches()) {
            lastDaysOfWeek.set(CronField.DAY_OF_WEEK.atoi(last.group(1)));
          } else if (nth.matches()) {
            int n = Integer.parseInt(nth.group(2));
            nthDaysOfWeek.set((n - 1) * 7 + CronField.DAY_OF_WEEK.atoi(nth.group(1)));
          } else {
            throw CronField.DAY_OF_WEEK.syntaxError(d.text());
          }
        }
        case ALL -> dowRestricted = false;
        default -> CronField.DAY_OF_WEEK.add(daysOfWeek, d);
      }
    }
  }

  /** True when no date can ever match (say a reversed range as the only day-of-month entry). */
  boolean never() {
    boolean domEmpty = daysOfMonth.isEmpty() && workdaysOfMonth.isEmpty() && !lastDayOfMonth && !lastWorkdayOfMonth;
    boolean dowEmpty = daysOfWeek.isEmpty() && lastDaysOfWeek.isEmpty() && nthDaysOfWeek.isEmpty();
    return (domRestricted || dowRestricted) && (!domRestricted || domEmpty) && (!dowRestricted || dowEmpty);
  }

  /** cronexpr's {@code calculateActualDaysOfMonth}, asked about one date. */
  boolean matches(LocalDate date) {
    if (!domRestricted && !dowRestricted) {
      return true;
    }
    return domRestricted && matchesDayOfMonth(date) || dowRestricted && matchesDayOfWeek(date);
  }

  /** The first date from {@code from} on (inclusive) that matches, or null if none before {@code end}. */
  LocalDate nextMatch(LocalDate from, LocalDate end) {
    for (LocalDate d = from; !d.isAfter(end); d = d.plusDays(1)) {
      if (matches(d)) {
        return d;
      }
    }
    return null;
  }

  private boolean matchesDayOfMonth(LocalDate date) {
    int day = date.getDayOfMonth();
    int last = date.lengthOfMonth();
    if (daysOfMonth.get(day) || lastDayOfMonth && day == last
        || lastWorkdayOfMonth && day == workday(date.withDayOfMonth(last), last)) {
      return true;
    }
    for (int w = workdaysOfMonth.nextSetBit(0); w >= 0; w = workdaysOfMonth.nextSetBit(w + 1)) {
      if (w <= last && day == workday(date.withDayOfMonth(w), last)) {
        return true;
      }
    }
    return false;
  }

  private boolean matchesDayOfWeek(LocalDate date) {
    int weekday = date.getDayOfWeek().getValue() % 7;
    int day = date.getDayOfMonth();
    return daysOfWeek.get(weekday)
        || nthDaysOfWeek.get((day - 1) / 7 * 7 + weekday)
        || lastDaysOfWeek.get(weekday) && day > date.lengthOfMonth() - 7;
  }

  /** The weekday nearest {@code target} without leaving its month (cronexpr's {@code workdayOfMonth}). */
  private static int workday(LocalDate target, int lastDay) {
    int day = target.getDayOfMonth();
    DayOfWeek dow = target.getDayOfWeek();
    if (dow == DayOfWeek.SATURDAY) {
      return day > 1 ? day - 1 : day + 2;
    }
    if (dow == DayOfWeek.SUNDAY) {
      return day < lastDay ? day + 1 : day - 2;
    }
    return day;
  }
}
