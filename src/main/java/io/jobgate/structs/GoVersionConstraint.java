package io.jobgate.structs;

import java.util.regex.Pattern;

/**
 * Syntax check of a {@code version} constraint's RTarget as {@code hashicorp/go-version}'s
 * {@code NewConstraint} does it (spec §5.4): comma-separated {@code <op> <version>} terms such as
 * {@code >= 0.6.1, < 1.0}.
 */
final class GoVersionConstraint {

  /** go-version's {@code VersionRegexpRaw}, including its lazy trailing metadata group. */
  private static final String VERSION = "v?([0-9]+(\\.[0-9]+)*?)"
      + "(-([0-9]+[0-9A-Za-z\\-~]*(\\.[0-9A-Za-z\\-~]+)*)|(-?([A-Za-z\\-~]+[0-9A-Za-z\\-~]*(\\.[0-9A-Za-z\\-~]+)*)))?"
      + "(\\+([0-9A-Za-z\\-~]+(\\.[0-9A-Za-z\\-~]+)*))??";

  /** RE2's {@code \s} is only these five characters. */
  private static final String SPACE = "[\\t\\n\\f\\r ]*";

  private static final Pattern TERM =
      Pattern.compile("^" + SPACE + "(>=|<=|~>|!=|=|>|<|)" + SPACE + "(" + VERSION + ")" + SPACE + "$");

  private GoVersionConstraint() {
  }

  /** The go-version error for {@code constraint}, or null when it parses. */
  static String error(String constraint) {
    for (String term : constraint.split(",", -1)) {
      if (!TERM.matcher(term).matches()) {
        return "Malformed constraint: " + term;
      }
    }
    return null;
  }
}
