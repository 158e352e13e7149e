package io.jobgate.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * One configuration setting: its key in the file ({@code section.name} for a setting inside a
 * section), its default, and how its values are read. The same
 * reader serves the file, the environment and the flags, so a bad value is refused with the same
 * words wherever it came from.
 *
 * @param <T> the setting's Java type
 */
public record Setting<T>(String key, T defaultValue, ValueType<T> type) {

  private static final String ENV_PREFIX = "JOBGATE_";

  /** The environment variable that overrides this setting: {@code blocking.max_wait} → {@code JOBGATE_BLOCKING_MAX_WAIT}. */
  public String envName() {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_');
  }

  /** The default as the file and the README write it. */
  public String defaultText() {
    return type.format(defaultValue);
  }

  /** The setting's name inside its section ({@code max_wait} for {@code blocking.max_wait}). */
  String field() {
    return key.substring(key.lastIndexOf('.') + 1);
  }

  /** The section it sits in, or {@code ""} at the top level. */
  String section() {
    int dot = key.lastIndexOf('.');
    return dot < 0 ? "" : key.substring(0, dot);
  }

  T fromYaml(JsonNode value) {
    return type.fromYaml(key, value);
  }

  /** Reads a value given as text; {@code source} names where it came from, e.g. the variable. */
  T fromText(String source, String text) {
    return type.fromText(source.equals(key) ? key : source + " (" + key + ")", text);
  }

  static boolean isEnvName(String name) {
    return name.startsWith(ENV_PREFIX);
  }
}
