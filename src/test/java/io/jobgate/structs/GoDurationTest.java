package io.jobgate.structs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoDurationTest {

  @ParameterizedTest(name = "{0} ns -> {1}")
  @CsvSource({
      "0, 0s",
      "1, 1ns",
      "999, 999ns",
      "1000, 1µs",
      "1500, 1.5µs",
      "300000000, 300ms",
      "1500000, 1.5ms",
      "1000000000, 1s",
      "1500000000, 1.5s",
      "5000000000, 5s",
      "60000000000, 1m0s",
      "90000000000, 1m30s",
      "3600000000000, 1h0m0s",
      "86400000000000, 24h0m0s",
      "5400000000001, 1h30m0.000000001s",
      "-1500000000, -1.5s",
      "-1, -1ns",
      "9223372036854775807, 2562047h47m16.854775807s",
      "-9223372036854775808, -2562047h47m16.854775808s",
  })
  void formatsLikeGo(long nanos, String expected) {
    assertEquals(expected, GoDuration.format(nanos));
  }

  @ParameterizedTest(name = "{0} -> {1} ns")
  @CsvSource({
      "0, 0",
      "+0, 0",
      "-0, 0",
      "5s, 5000000000",
      "10s, 10000000000",
      "1500ms, 1500000000",
      "300000ms, 300000000000",
      "2.5s, 2500000000",
      "1h30m, 5400000000000",
      "1h30m10.5s, 5410500000000",
      "-1.5h, -5400000000000",
      "+5m, 300000000000",
      ".5s, 500000000",
      "5.s, 5000000000",
      "100ns, 100",
      "3us, 3000",
      "3µs, 3000",
      "3μs, 3000",
      "1.000000001s, 1000000001",
      "0.5h, 1800000000000",
      "9223372036854775807ns, 9223372036854775807",
  })
  void parsesLikeGo(String text, long expected) {
    assertEquals(expected, GoDuration.parse(text));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "''| 'time: invalid duration '",
      "-| time: invalid duration -",
      "5| time: missing unit in duration 5",
      "5x| time: unknown unit x in duration 5x",
      "5 s| time: unknown unit  s in duration 5 s",
      "s| time: invalid duration s",
      ".s| time: invalid duration .s",
      "1.5.5s| time: missing unit in duration 1.5.5s",
      "9223372036854775808ns| time: invalid duration 9223372036854775808ns",
      "3000000h| time: invalid duration 3000000h",
      "5S| time: unknown unit S in duration 5S",
  })
  void rejectsWithGoMessages(String text, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GoDuration.parse(text));
    assertEquals(message, e.getMessage());
  }

  @ParameterizedTest(name = "round({0}, 1s) = {1}")
  @CsvSource({
      "0, 0",
      "499999999, 0",
      "500000000, 1000000000",
      "1499999999, 1000000000",
      "-500000000, -1000000000",
      "-499999999, 0",
      "9223372036854775807, 9223372036854775807",
  })
  void roundsLikeGo(long nanos, long expected) {
    assertEquals(expected, GoDuration.round(nanos, GoDuration.SECOND));
  }
}
