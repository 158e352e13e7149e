package io.jobgate.structs;

/** A placement rule: {@code LTarget Operand RTarget} (spec §5.4, §15.3). */
public record Constraint(String lTarget, String rTarget, String operand) {
}
