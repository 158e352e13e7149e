package io.jobgate.structs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Constraint checks, including the RE2 and go-version syntax checks (spec §5.4). */
class ConstraintValidatorTest {

  static List<String> errors(String lTarget, String rTarget, String operand) {
    return ConstraintValidator.validate(new Constraint(lTarget, rTarget, operand));
  }

  @Test
  void operandRules() {
    assertEquals(List.of("Missing constraint operand", "Unknown constraint type \"\"",
        "No LTarget provided but is required by constraint"), errors("", "", ""));
    assertEquals(List.of("Unknown constraint type \"near\""), errors("a", "b", "near"));
    for (String op : List.of("=", "==", "is", "!=", "not", "<", "<=", ">", ">=")) {
      assertEquals(List.of("Operator \"" + op + "\" requires an RTarget"), errors("${attr.a}", "", op));
      assertEquals(List.of(), errors("${attr.a}", "b", op));
    }
    assertEquals(List.of("Set contains constraint requires an RTarget"), errors("${attr.a}", "", "set_contains"));
    assertEquals(List.of(), errors("", "", "distinct_hosts"));
    assertEquals(List.of(), errors("${meta.rack}", "", "distinct_property"));
    assertEquals(List.of(), errors("${meta.rack}", "2", "distinct_property"));
    assertEquals(List.of("Distinct Property must have an allowed count of 1 or greater: 0 < 1"),
        errors("${meta.rack}", "0", "distinct_property"));
    assertEquals(List.of("Failed to convert RTarget \"-1\" to uint64: strconv.ParseUint: parsing \"-1\": "
        + "invalid syntax"), errors("${meta.rack}", "-1", "distinct_property"));
    assertEquals(List.of("Failed to convert RTarget \"18446744073709551616\" to uint64: strconv.ParseUint: "
        + "parsing \"18446744073709551616\": value out of range"),
        errors("${meta.rack}", "18446744073709551616", "distinct_property"));
    assertEquals(List.of("No LTarget provided but is required by constraint"), errors("", "x", "regexp"));
  }

  @Test
  void wrapsWithOneBasedIndex() {
    assertEquals(List.of("Constraint 2 validation failed: 1 error(s) occurred:\n\n"
        + "* Version constraint is invalid: Malformed constraint: foo"),
        ConstraintValidator.validateAll(List.of(new Constraint("a", "b", "="),
            new Constraint("${attr.vault.version}", "foo", "version"))));
  }

  @ParameterizedTest
  @ValueSource(strings = {">= 0.6.1", ">= 0.6.1, < 1.0", "~> 1.2", "= v1.0", "1.2.3-beta.1+build.5", "!=1.0",
      " > 1.0 ", "1"})
  void acceptsGoVersionConstraints(String constraint) {
    assertNull(GoVersionConstraint.error(constraint));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', value = {
      "foo| 'Malformed constraint: foo'",
      "''| 'Malformed constraint: '",
      ">= 1.0,,< 2| 'Malformed constraint: '",
      "> 1.0 < 2.0| 'Malformed constraint: > 1.0 < 2.0'",
      "=> 1.0| 'Malformed constraint: => 1.0'",
      ">= 1.0, <| 'Malformed constraint:  <'",
  })
  void rejectsMalformedVersionConstraints(String constraint, String message) {
    assertEquals(message, GoVersionConstraint.error(constraint));
  }

  @ParameterizedTest
  @ValueSource(strings = {"^linux$", "a{2,3}", "a{,3}", "x{", "x{}", "(?P<name>a)", "(?i)abc", "(?i:a)b",
      "(?U)a+", "(?i-s)a", "[[:alpha:]]+", "[]a]", "[^]a]", "\\d+\\.\\d+", "a*?", "\\Q*+?\\E", "\\x41",
      "\\x{263a}", "\\101", "[a-z&&b]", "[a[b]", "\\pL", "\\p{Greek}", "\\P{^Lu}", "[\\p{Any}]", "a|b",
      "(a|)", "^*", "\\z", ""})
  void acceptsRe2Syntax(String expr) {
    assertNull(GoRegexp.error(expr));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiterString = " -> ", quoteCharacter = '"', value = {
      "( -> error parsing regexp: missing closing ): `(`",
      "a(b -> error parsing regexp: missing closing ): `a(b`",
      ") -> error parsing regexp: unexpected ): `)`",
      "[a -> error parsing regexp: missing closing ]: `[a`",
      "*a -> error parsing regexp: missing argument to repetition operator: `*`",
      "a|* -> error parsing regexp: missing argument to repetition operator: `*`",
      "(+) -> error parsing regexp: missing argument to repetition operator: `+`",
      "(?i)* -> error parsing regexp: missing argument to repetition operator: `*`",
      "a** -> error parsing regexp: invalid nested repetition operator: `**`",
      "a*+ -> error parsing regexp: invalid nested repetition operator: `*+`",
      "a{2}*? -> error parsing regexp: invalid nested repetition operator: `{2}*?`",
      "(?=a) -> error parsing regexp: invalid or unsupported Perl syntax: `(?=`",
      "(?<n>a) -> error parsing regexp: invalid or unsupported Perl syntax: `(?<`",
      "(?-) -> error parsing regexp: invalid or unsupported Perl syntax: `(?-)`",
      "(a)\\1 -> error parsing regexp: invalid escape sequence: `\\1`",
      "\\e -> error parsing regexp: invalid escape sequence: `\\e`",
      "[\\b] -> error parsing regexp: invalid escape sequence: `\\b`",
      "a{1001} -> error parsing regexp: invalid repeat count: `{1001}`",
      "a{3,2} -> error parsing regexp: invalid repeat count: `{3,2}`",
      "[z-a] -> error parsing regexp: invalid character class range: `z-a`",
      "\\p{Klingon} -> error parsing regexp: invalid character class range: `\\p{Klingon}`",
      "\\ -> error parsing regexp: trailing backslash at end of expression: ``",
  })
  void rejectsWithGoMessages(String expr, String message) {
    assertEquals(message, GoRegexp.error(expr));
  }

  @Test
  void regexpConstraintMessage() {
    assertEquals(List.of("Regular expression failed to compile: error parsing regexp: missing closing ): `(`"),
        errors("${attr.kernel.name}", "(", "regexp"));
  }
}
