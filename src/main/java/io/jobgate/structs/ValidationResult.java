package io.jobgate.structs;

import java.util.List;

/**
 * Outcome of {@link JobValidator#validate}: the top-level error messages in Nomad's order (each
 * possibly a rendered nested multi-error) and the per-group warnings (spec §5, §7.17).
 */
public record ValidationResult(List<String> errors, List<String> warnings) {

  public ValidationResult {
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
  }

  public boolean ok() {
    return errors.isEmpty();
  }

  /** The 500 body / validate {@code Error} field; empty when valid. */
  public String errorText() {
    return errors.isEmpty() ? "" : MultiError.format(errors);
  }

  /** The {@code Warnings} field of register/plan/validate replies; empty when there are none. */
  public String warningText() {
    return warnings.isEmpty() ? "" : MultiError.formatWarnings(warnings);
  }
}
