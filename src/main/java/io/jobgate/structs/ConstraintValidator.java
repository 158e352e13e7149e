package io.jobgate.structs;

import static io.jobgate.structs.GoFmt.q;
import static io.jobgate.structs.Nulls.str;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Nomad's {@code Constraint.Validate()} (spec §5.4). */
final class ConstraintValidator {

  private static final BigInteger MAX_UINT64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private ConstraintValidator() {
  }

  /** {@code Constraint <n> validation failed: …} for each invalid constraint (n is 1-based). */
  static List<String> validateAll(List<Constraint> constraints) {
    List<String> errors = new ArrayList<>();
    List<Constraint> list = Nulls.list(constraints);
    for (int i = 0; i < list.size(); i++) {
      List<String> inner = validate(list.get(i));
      if (!inner.isEmpty()) {
        errors.add("Constraint " + (i + 1) + " validation failed: " + MultiError.format(inner));
      }
    }
    return errors;
  }

  static List<String> validate(Constraint c) {
    List<String> errors = new ArrayList<>();
    String operand = str(c.operand());
    String rTarget = str(c.rTarget());
    if (operand.isEmpty()) {
      errors.add("Missing constraint operand");
    }
    boolean requiresLTarget = true;
    switch (operand) {
      case "distinct_hosts" -> requiresLTarget = false;
      case "set_contains" -> {
        if (rTarget.isEmpty()) {
          errors.add("Set contains constraint requires an RTarget");
        }
      }
      case "regexp" -> {
        String err = GoRegexp.error(rTarget);
        if (err != null) {
          errors.add("Regular expression failed to compile: " + err);
        }
      }
      case "version" -> {
        String err = GoVersionConstraint.error(rTarget);
        if (err != null) {
          errors.add("Version constraint is invalid: " + err);
        }
      }
      case "distinct_property" -> distinctPropertyCount(rTarget, errors);
      case "=", "==", "is", "!=", "not", "<", "<=", ">", ">=" -> {
        if (rTarget.isEmpty()) {
          errors.add("Operator " + q(operand) + " requires an RTarget");
        }
      }
      default -> errors.add("Unknown constraint type " + q(operand));
    }
    if (requiresLTarget && str(c.lTarget()).isEmpty()) {
      errors.add("No LTarget provided but is required by constraint");
    }
    return errors;
  }

  /** An optional RTarget must be a uint64 of at least 1 ({@code strconv.ParseUint} texts). */
  private static void distinctPropertyCount(String rTarget, List<String> errors) {
    if (rTarget.isEmpty()) {
      return;
    }
    String prefix = "Failed to convert RTarget " + q(rTarget) + " to uint64: strconv.ParseUint: parsing " + q(rTarget);
    if (!rTarget.matches("[0-9]+")) {
      errors.add(prefix + ": invalid syntax");
      return;
    }
    BigInteger count = new BigInteger(rTarget);
    if (count.compareTo(MAX_UINT64) > 0) {
      errors.add(prefix + ": value out of range");
    } else if (count.signum() == 0) {
      errors.add("Distinct Property must have an allowed count of 1 or greater: 0 < 1");
    }
  }
}
