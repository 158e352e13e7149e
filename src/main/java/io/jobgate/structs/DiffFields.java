package io.jobgate.structs;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Objects flattened to {@code name -> string} as Nomad's {@code flatmap.Flatten} does for diffs
 * (spec §12.2): primitive fields only, under their Go names, with Go's zero value where a field is
 * unset; maps of strings become one entry per key ({@code Meta[key]}). A null object flattens to
 * null, which the diff reads as "absent".
 */
final class DiffFields {

  private final Map<String, String> fields = new HashMap<>();

  private DiffFields() {
  }

  static DiffFields of() {
    return new DiffFields();
  }

  DiffFields str(String name, String value) {
    fields.put(name, value == null ? "" : value);
    return this;
  }

  DiffFields bool(String name, Boolean value) {
    fields.put(name, Boolean.toString(Boolean.TRUE.equals(value)));
    return this;
  }

  DiffFields num(String name, Number value) {
    fields.put(name, value == null ? "0" : value.toString());
    return this;
  }

  DiffFields map(String name, Map<String, String> value) {
    if (value != null) {
      value.forEach((k, v) -> fields.put(name + "[" + k + "]", v == null ? "" : v));
    }
    return this;
  }

  Map<String, String> build() {
    return fields;
  }

  /**
   * Flattens a free-form value such as a task's driver config, nested maps and lists included:
   * {@code port_map[0][db] -> 6379}. JSON numbers are Go {@code float64}s in Nomad, so they print
   * as Go's {@code %v} prints those; a null is {@code nil}.
   */
  static Map<String, String> any(Map<String, ?> value) {
    Map<String, String> out = new HashMap<>();
    if (value != null) {
      value.forEach((k, v) -> any(k, v, out));
    }
    return out;
  }

  private static void any(String prefix, Object value, Map<String, String> out) {
    if (value == null) {
      out.put(prefix, "nil");
    } else if (value instanceof Map<?, ?> m) {
      m.forEach((k, v) -> any(prefix + "[" + k + "]", v, out));
    } else if (value instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) {
        any(prefix + "[" + i + "]", l.get(i), out);
      }
    } else if (value instanceof Number n) {
      out.put(prefix, goFloat(n.doubleValue()));
    } else {
      out.put(prefix, value.toString());
    }
  }

  /**
   * Go's {@code %v} of a {@code float64}: the shortest digits that read back as the same value,
   * in exponent form when the exponent is below -4 or at least 6 ({@code 1e+06}, {@code 6379}).
   */
  static String goFloat(double d) {
    if (d == 0) {
      return "0";
    }
    BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    String digits = bd.unscaledValue().abs().toString();
    int exp = digits.length() - 1 - bd.scale();
    if (exp >= -4 && exp < 6) {
      return bd.toPlainString();
    }
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    String e = Integer.toString(Math.abs(exp));
    return (d < 0 ? "-" : "") + mantissa + "e" + (exp < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
  }
}
