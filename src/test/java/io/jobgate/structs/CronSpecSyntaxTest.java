package io.jobgate.structs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The cron grammar Nomad accepts, and cronexpr's texts for what it refuses. */
class CronSpecSyntaxTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "*/15 * * * *",
      "0 0 * * *",
      "0 12 * * MON-FRI",
      "0 0 1,15 * *",
      "0 0 L * *",
      "0 0 LW * *",
      "0 0 15W * *",
      "0 0 * * 5L",
      "0 0 * * FRI#2",
      "0 0 * * fri#2",
      "0 30 9 * * * 2030",
      "30 9 * * * 2030",
      "0 0 * JAN-MAR *",
      "0 0 * january,DEC *",
      "0 0 ? * *",
      "1-10/2 * * * *",
      "5/10 * * * *",
      "0 0 * * 7",
      "0 0 * * sunday",
      "0 0 * * 0-6/2",
      "  0\t0 * * *  ",
      "* * * * * * * ignored-eighth-field",
      "@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly",
  })
  void acceptsNomadCronSyntax(String spec) {
    CronSpec.parse(spec);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "''| missing field(s)",
      "* * * *| missing field(s)",
      "@reboot| missing field(s)",
      "@every 5m| missing field(s)",
      "60 * * * *| syntax error in minute field: '60'",
      "1,60 * * * *| syntax error in minute field: '60'",
      "* 24 * * *| syntax error in hour field: '24'",
      "* * 0 * *| syntax error in day-of-month field: '0'",
      "0 0 32W * *| syntax error in day-of-month field: '32W'",
      "* * * 13 *| syntax error in month field: '13'",
      "0 0 * FOO *| syntax error in month field: 'FOO'",
      "* * * * 8| syntax error in day-of-week field: '8'",
      "0 0 * * 5#6| syntax error in day-of-week field: '5#6'",
      "0 0 * * L| syntax error in day-of-week field: 'L'",
      "*/0 * * * *| invalid interval */0",
      "*/60 * * * *| invalid interval */60",
      "0 */24 * * *| invalid interval */24",
      ", * * * *| minute field: missing directive",
      "60 0 0 * * * *| syntax error in second field: '60'",
      "0 0 0 * * * 1969| syntax error in year field: '1969'",
      "0 0 * * * 2100| syntax error in year field: '2100'",
  })
  void rejectsWithCronexprMessages(String spec, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CronSpec.parse(spec));
    assertEquals(message, e.getMessage());
  }
}
