package io.jobgate.structs;

import java.util.List;

/**
 * Renders message lists the way go-multierror 0.8 did (spec §1.6). A nested multi-error is embedded
 * by value: callers format the inner list and add the result as one message of the outer list.
 */
public final class MultiError {

  private MultiError() {
  }

  /** {@code N error(s) occurred:\n\n* a\n* b}. */
  public static String format(List<String> errors) {
    return errors.size() + " error(s) occurred:\n\n" + bullets(errors);
  }

  /** {@code N warning(s):\n\n* a} — Nomad's own formatter for the {@code Warnings} field. */
  public static String formatWarnings(List<String> warnings) {
    return warnings.size() + " warning(s):\n\n" + bullets(warnings);
  }

  /**
   * Adds {@code inner}, if non-empty, as one nested message — what Go does when it appends a
   * multi-error to another without flattening.
   */
  static void addNested(List<String> errors, List<String> inner) {
    if (!inner.isEmpty()) {
      errors.add(format(inner));
    }
  }

  private static String bullets(List<String> items) {
    StringBuilder b = new StringBuilder();
    for (String item : items) {
      if (b.length() > 0) {
        b.append('\n');
      }
      b.append("* ").append(item);
    }
    return b.toString();
  }
}
