package io.jobgate.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobgate.structs.GoDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a setting's values are read from YAML or from text (environment, flags), and written back
 * for the docs. Every refusal says what is allowed and what was given, prefixed by the name of
 * the setting (and of the variable or flag it came from).
 *
 * @param <T> the Java type of the values
 */
public interface ValueType<T> {

  /** What a value may be, as the refusal says it: "a whole number from 0 to 65535". */
  String allowed();

  T parse(String text);

  String format(T value);

  /** Reads a YAML scalar; YAML numbers and booleans are read as their text, so 4646 and "4646" agree. */
  default T fromYaml(String label, JsonNode node) {
    if (!node.isValueNode()) {
      throw refuse(label, allowed(), node.toString());
    }
    try {
      return parse(node.asText());
    } catch (IllegalArgumentException e) {
      throw refuse(label, allowed(), node.toString());
    }
  }

  default T fromText(String label, String text) {
    try {
      return parse(text.trim());
    } catch (IllegalArgumentException e) {
      throw refuse(label, allowed(), '"' + text + '"');
    }
  }

  private static ConfigException refuse(String label, String allowed, String given) {
    return new ConfigException(label + ": expected " + allowed + ", got " + given);
  }

  static ValueType<String> text() {
    return new ValueType<>() {
      @Override
      public String allowed() {
        return "a non-empty string";
      }

      @Override
      public String parse(String text) {
        if (text.isEmpty()) {
          throw new IllegalArgumentException();
        }
        return text;
      }

      @Override
      public String format(String value) {
        return value;
      }

      @Override
      public String fromYaml(String label, JsonNode node) {
        // A YAML number or boolean where a name belongs is a mistake, not a name.
        if (!node.isTextual()) {
          throw refuse(label, allowed(), node.toString());
        }
        return ValueType.super.fromYaml(label, node);
      }
    };
  }

  static ValueType<Integer> integer(int min, int max) {
    ValueType<Long> whole = whole(min, max);
    return new ValueType<>() {
      @Override
      public String allowed() {
        return whole.allowed();
      }

      @Override
      public Integer parse(String text) {
        return whole.parse(text).intValue();
      }

      @Override
      public String format(Integer value) {
        return value.toString();
      }
    };
  }

  static ValueType<Long> whole(long min, long max) {
    return new ValueType<>() {
      @Override
      public String allowed() {
        return "a whole number from " + min + " to " + max;
      }

      @Override
      public Long parse(String text) {
        long v = Long.parseLong(text);
        if (v < min || v > max) {
          throw new IllegalArgumentException();
        }
        return v;
      }

      @Override
      public String format(Long value) {
        return value.toString();
      }
    };
  }

  static ValueType<Boolean> bool() {
    return new ValueType<>() {
      @Override
      public String allowed() {
        return "true or false";
      }

      @Override
      public Boolean parse(String text) {
        return switch (text) {
          case "true" -> true;
          case "false" -> false;
          default -> throw new IllegalArgumentException();
        };
      }

      @Override
      public String format(Boolean value) {
        return value.toString();
      }
    };
  }

  /** One of a fixed list of lower-case words. */
  static ValueType<String> oneOf(List<String> choices) {
    return new ValueType<>() {
      @Override
      public String allowed() {
        return "one of " + String.join(", ", choices);
      }

      @Override
      public String parse(String text) {
        if (!choices.contains(text)) {
          throw new IllegalArgumentException();
        }
        return text;
      }

      @Override
      public String format(String value) {
        return value;
      }
    };
  }

  /** A Go duration ({@code 300ms}, {@code 10s}, {@code 5m}), as Nomad's own config takes them. */
  static ValueType<Duration> duration(boolean zeroAllowed) {
    return new ValueType<>() {
      @Override
      public String allowed() {
        return zeroAllowed ? "a duration such as 0s, 500ms or 5s" : "a duration such as 300ms, 10s or 5m";
      }

      @Override
      public Duration parse(String text) {
        long nanos = GoDuration.parse(text);
        if (nanos < 0 || (nanos == 0 && !zeroAllowed)) {
          throw new IllegalArgumentException();
        }
        return Duration.ofNanos(nanos);
      }

      /** The largest unit that divides evenly: {@code 5m}, not Go's {@code 5m0s}. */
      @Override
      public String format(Duration value) {
        long ms = value.toMillis();
        if (ms == 0) {
          return "0s";
        }
        if (ms % 3_600_000 == 0) {
          return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
          return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
          return ms / 1000 + "s";
        }
        return ms + "ms";
      }
    };
  }

  /** A file path; empty means "none". */
  static ValueType<String> path() {
    return new ValueType<>() {
      @Override
      public String allowed() {
        return "a file path, or \"\" for none";
      }

      /** Takes the file's own spelling too: {@code ""} for none, a quoted path for a path. */
      @Override
      public String parse(String text) {
        return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")
            ? text.substring(1, text.length() - 1) : text;
      }

      @Override
      public String format(String value) {
        return value.isEmpty() ? "\"\"" : value;
      }

      @Override
      public String fromYaml(String label, JsonNode node) {
        if (!node.isTextual()) {
          throw refuse(label, allowed(), node.toString());
        }
        return node.asText();
      }
    };
  }

  /**
   * IP addresses and CIDR blocks: a YAML list, or comma-separated text in the environment and
   * flags ({@code JOBGATE_LIMITS_TRUSTED_ADDRESSES=10.0.0.0/8,::1}).
   */
  static ValueType<List<String>> addresses() {
    return new ValueType<>() {
      @Override
      public String allowed() {
        return "a list of IP addresses or CIDR blocks such as [\"127.0.0.0/8\", \"::1\"]";
      }

      @Override
      public List<String> parse(String text) {
        String list = text.strip();
        if (list.startsWith("[") && list.endsWith("]")) {
          list = list.substring(1, list.length() - 1);
        }
        List<String> out = new ArrayList<>();
        for (String part : list.split(",")) {
          String a = part.strip();
          if (a.length() >= 2 && a.startsWith("\"") && a.endsWith("\"")) {
            a = a.substring(1, a.length() - 1);
          }
          if (!a.isEmpty()) {
            Cidr.parse(a);
            out.add(a);
          }
        }
        return List.copyOf(out);
      }

      @Override
      public String format(List<String> value) {
        List<String> quoted = new ArrayList<>();
        for (String a : value) {
          quoted.add('"' + a + '"');
        }
        return "[" + String.join(", ", quoted) + "]";
      }

      @Override
      public List<String> fromYaml(String label, JsonNode node) {
        if (!node.isArray()) {
          throw refuse(label, allowed(), node.toString());
        }
        List<String> out = new ArrayList<>();
        for (JsonNode a : node) {
          if (!a.isTextual()) {
            throw refuse(label, allowed(), node.toString());
          }
          try {
            Cidr.parse(a.asText());
          } catch (IllegalArgumentException e) {
            throw refuse(label, allowed(), node.toString());
          }
          out.add(a.asText());
        }
        return List.copyOf(out);
      }
    };
  }

  /** A number above zero, such as the fleet's time scale ({@code 1}, {@code 0.01}). */
  static ValueType<Double> positiveNumber() {
    return new ValueType<>() {
      @Override
      public String allowed() {
        return "a number above 0";
      }

      @Override
      public Double parse(String text) {
        double d = Double.parseDouble(text);
        if (!(d > 0) || Double.isInfinite(d)) {
          throw new IllegalArgumentException();
        }
        return d;
      }

      @Override
      public String format(Double value) {
        return value == Math.rint(value) ? Long.toString(value.longValue()) : value.toString();
      }
    };
  }

  /** {@code fleet.nodes}: see {@link NodeGroupsType}. */
  static ValueType<List<NodeGroupConfig>> nodeGroups() {
    return new NodeGroupsType();
  }
}
