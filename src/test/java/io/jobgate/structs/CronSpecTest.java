package io.jobgate.structs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * cronexpr's semantics (Nomad 0.8) on top of cron-utils: one test per gap the library leaves, plus
 * cronexpr's error texts and daylight-saving changes, computed rather than waited for.
 */
class CronSpecTest {

  private static final ZonedDateTime NEW_YEAR_2024 = ZonedDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

  /** The next {@code n} times after {@code from}, as ISO strings. */
  private static List<String> next(String spec, ZonedDateTime from, int n) {
    CronSpec cron = CronSpec.parse(spec);
    List<String> out = new ArrayList<>();
    ZonedDateTime t = from;
    for (int i = 0; i < n; i++) {
      Optional<ZonedDateTime> next = cron.next(t);
      if (next.isEmpty()) {
        break;
      }
      t = next.get();
      out.add(t.toOffsetDateTime().toString());
    }
    return out;
  }

  private static List<String> next(String spec, int n) {
    return next(spec, NEW_YEAR_2024, n);
  }

  private static String error(String spec) {
    return assertThrows(IllegalArgumentException.class, () -> CronSpec.parse(spec)).getMessage();
  }

  @Test
  void fiveFieldsAreMinuteHourDayMonthWeekdayAtSecondZero() {
    assertEquals(List.of("2024-01-01T04:30Z", "2024-01-02T04:30Z"), next("30 4 * * *", 2));
  }

  @Test
  void sixFieldsAddTheYearNotSeconds() {
    assertEquals(List.of("2026-01-01T00:00Z"), next("0 0 1 1 * 2026", 3));
  }

  @Test
  void sevenFieldsStartWithSeconds() {
    assertEquals(List.of("2024-01-01T00:00:15Z", "2024-01-01T00:00:30Z", "2024-01-01T00:00:45Z"),
        next("*/15 * * * * * *", 3));
  }

  @Test
  void fieldsBeyondTheSeventhAreIgnored() {
    assertEquals(List.of("2024-01-01T00:00:05Z"), next("5 * * * * * * ignored", 1));
  }

  @Test
  void yearRangesAndSteps() {
    assertEquals(List.of("2030-01-01T00:00Z", "2032-01-01T00:00Z"), next("0 0 1 1 * 2030-2099/2", 2));
    assertEquals(List.of(), next("0 0 1 1 * 1999", 1));
  }

  @Test
  void macros() {
    assertEquals(List.of("2024-01-01T01:00Z"), next("@hourly", 1));
    assertEquals(List.of("2024-01-02T00:00Z"), next("@daily", 1));
    assertEquals(List.of("2024-01-02T00:00Z"), next("@midnight", 1));
    assertEquals(List.of("2024-01-07T00:00Z"), next("@weekly", 1));
    assertEquals(List.of("2024-02-01T00:00Z"), next("@monthly", 1));
    assertEquals(List.of("2025-01-01T00:00Z"), next("@yearly", 1));
    assertEquals(List.of("2025-01-01T00:00Z"), next("@annually", 1));
  }

  @Test
  void shortAndFullNamesInAnyCase() {
    assertEquals(List.of("2024-03-01T00:00Z"), next("0 0 1 March *", 1));
    assertEquals(List.of("2024-03-01T00:00Z"), next("0 0 1 MAR *", 1));
    assertEquals(List.of("2024-01-07T00:00Z"), next("0 0 * * Sunday", 1));
    assertEquals(List.of("2024-01-02T00:00Z", "2024-01-03T00:00Z"), next("0 0 * * TUE-wed", 2));
  }

  @Test
  void sevenIsSundayAndARangeMayEndOnIt() {
    assertEquals(List.of("2024-01-07T00:00Z"), next("0 0 * * 7", 1));
    assertEquals(List.of("2024-01-06T00:00Z", "2024-01-07T00:00Z", "2024-01-13T00:00Z"), next("0 0 * * 6-7", 3));
  }

  @Test
  void eitherDayFieldMatchesWhenBothAreRestricted() {
    // The 13th, or any Friday (Vixie cron and cronexpr); cron-utils alone demands both.
    assertEquals(List.of("2024-01-05T00:00Z", "2024-01-12T00:00Z", "2024-01-13T00:00Z", "2024-01-19T00:00Z"),
        next("0 0 13 * FRI", 4));
  }

  @Test
  void aWildcardDayFieldLeavesTheOtherInCharge() {
    assertEquals(List.of("2024-01-05T00:00Z", "2024-01-12T00:00Z"), next("0 0 * * FRI", 2));
    assertEquals(List.of("2024-01-13T00:00Z", "2024-02-13T00:00Z"), next("0 0 13 * ?", 2));
  }

  @Test
  void questionMarksInBothDayFieldsMeanEveryDay() {
    assertEquals(List.of("2024-01-02T00:00Z", "2024-01-03T00:00Z"), next("0 0 ? * ?", 2));
  }

  @Test
  void lastDayOfMonthInsideAList() {
    assertEquals(List.of("2024-01-31T00:00Z", "2024-02-01T00:00Z", "2024-02-29T00:00Z"), next("0 0 1,L * *", 3));
  }

  @Test
  void lastWeekdayOfMonth() {
    // March 2024 ends on a Sunday: its last weekday is Friday the 29th.
    assertEquals(List.of("2024-01-31T00:00Z", "2024-02-29T00:00Z", "2024-03-29T00:00Z"), next("0 0 LW * *", 3));
  }

  @Test
  void nearestWeekdayNeverLeavesTheMonth() {
    // June 1st 2024 is a Saturday: the nearest weekday inside June is Monday the 3rd.
    assertEquals(List.of("2024-06-03T00:00Z"), next("0 0 1W 6 *", 1));
    // March 31st 2024 is a Sunday: Friday the 29th (cron-utils would answer the Sunday).
    assertEquals(List.of("2024-03-29T00:00Z"), next("0 0 31W 3 *", 1));
    // February has no 31st: cronexpr skips the month (cron-utils throws).
    assertEquals(List.of("2024-01-31T00:00Z", "2024-03-29T00:00Z"), next("0 0 31W * *", 2));
  }

  @Test
  void nthAndLastWeekdayOfMonth() {
    assertEquals(List.of("2024-01-12T00:00Z", "2024-02-09T00:00Z"), next("0 0 * * FRI#2", 2));
    assertEquals(List.of("2024-03-29T00:00Z"), next("0 0 * * 5#5", 1));
    assertEquals(List.of("2024-01-26T00:00Z", "2024-02-23T00:00Z"), next("0 0 * * 5L", 2));
  }

  @Test
  void reversedRangesMatchNothing() {
    assertEquals(List.of(), next("0 0 5-2 * *", 1));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> CronSpec.parse("30-10 * * * *").next(NEW_YEAR_2024));
    assertEquals("failed parsing cron expression: \"30-10 * * * *\"", e.getMessage());
  }

  @Test
  void nextIsStrictlyLaterAtSecondResolution() {
    ZonedDateTime halfPast = NEW_YEAR_2024.plusNanos(500_000_000);
    assertEquals(List.of("2024-01-01T00:00:01Z"), next("* * * * * * *", halfPast, 1));
  }

  @Test
  void timeZonesAcrossTheSpringDaylightSavingChange() {
    ZoneId ny = ZoneId.of("America/New_York");
    ZonedDateTime before = ZonedDateTime.of(2024, 3, 9, 0, 0, 0, 0, ny);
    // 09:00 local is 14:00Z in winter and 13:00Z once clocks have moved forward on the 10th.
    assertEquals(List.of("2024-03-09T09:00-05:00", "2024-03-10T09:00-04:00"), next("0 9 * * *", before, 2));
    // 02:30 does not exist on March 10th: that day has no launch.
    assertEquals(List.of("2024-03-09T02:30-05:00", "2024-03-11T02:30-04:00"), next("30 2 * * *", before, 2));
  }

  @Test
  void timeZonesAcrossTheAutumnDaylightSavingChange() {
    ZoneId ny = ZoneId.of("America/New_York");
    ZonedDateTime before = ZonedDateTime.of(2024, 11, 3, 0, 0, 0, 0, ny);
    // 01:30 happens twice on November 3rd: it fires once.
    assertEquals(List.of("2024-11-03T01:30-04:00", "2024-11-04T01:30-05:00"), next("30 1 * * *", before, 2));
  }

  @Test
  void aPeriodicJobComputesInItsTimeZone() {
    PeriodicConfig ny = new PeriodicConfig(true, "0 9 * * *", "cron", false, "America/New_York");
    assertEquals("2024-03-09T14:00:00Z", ny.next(Instant.parse("2024-03-09T12:00:00Z")).orElseThrow().toInstant()
        .toString());
    assertEquals("2024-03-10T13:00:00Z", ny.next(Instant.parse("2024-03-09T15:00:00Z")).orElseThrow().toInstant()
        .toString());
    PeriodicConfig utc = new PeriodicConfig(true, "0 9 * * *", "cron", false, "");
    assertEquals(ZoneOffset.UTC, utc.next(Instant.parse("2024-03-09T15:00:00Z")).orElseThrow().getZone());
  }

  @Test
  void cronexprErrorTexts() {
    assertEquals("missing field(s)", error("* * * *"));
    assertEquals("syntax error in minute field: '60'", error("60 * * * *"));
    assertEquals("syntax error in second field: 'x'", error("x * * * * * *"));
    assertEquals("invalid interval */0", error("*/0 * * * *"));
    assertEquals("invalid interval */60", error("*/60 * * * *"));
    assertEquals("syntax error in day-of-month field: 'X'", error("0 0 X * *"));
    assertEquals("syntax error in day-of-week field: 'L'", error("0 0 * * L"));
    assertEquals("syntax error in year field: '1969'", error("0 0 1 1 * 1969"));
    assertEquals("minute field: missing directive", error(", * * * *"));
    assertTrue(error("0 0 * 13 *").startsWith("syntax error in month field"));
  }
}
