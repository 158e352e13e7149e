package io.jobgate.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the agent's configuration in layers, each overriding the one before: built-in defaults,
 * the YAML file, {@code JOBGATE_*} environment variables, command-line flags. A key or variable the
 * agent does not know, or a value it cannot use, stops the agent with a message naming the setting
 * and what it allows: a typo must never be silently ignored.
 */
public final class ConfigLoader {

  /** A command-line flag that sets one setting, as the user typed it. */
  public record Flag(String name, Setting<?> setting, String value) {
  }

  private ConfigLoader() {
  }

  /** The whole chain: defaults &lt; {@code file} (if any) &lt; {@code env} &lt; {@code flags}. */
  public static AgentConfig resolve(Path file, Map<String, String> env, List<Flag> flags, boolean dev) {
    AgentConfig config = AgentConfig.defaults().withDev(dev);
    if (file != null) {
      config = load(file, config);
    }
    config = fromEnvironment(env, config);
    Map<Setting<?>, Object> values = config.values();
    for (Flag f : flags) {
      values.put(f.setting(), f.setting().fromText(f.name(), f.value()));
    }
    return check(AgentConfig.from(values, dev));
  }

  /** Reads a {@code conf/jobgate.yaml}-style file onto {@code base}. */
  public static AgentConfig load(Path file, AgentConfig base) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
    }
    if (root == null || root.isNull() || root.isMissingNode()) {
      return base;
    }
    if (!root.isObject()) {
      throw new ConfigException(file + ": expected a mapping of settings at the top level");
    }
    Map<Setting<?>, Object> values = base.values();
    readSection(root, "", values);
    return AgentConfig.from(values, base.dev());
  }

  private static void readSection(JsonNode node, String section, Map<Setting<?>, Object> values) {
    for (var it = node.fields(); it.hasNext(); ) {
      var field = it.next();
      String key = section.isEmpty() ? field.getKey() : section + "." + field.getKey();
      JsonNode value = field.getValue();
      Setting<?> setting = Settings.BY_KEY.get(key);
      if (setting != null) {
        if (!value.isNull()) {
          values.put(setting, setting.fromYaml(value));
        }
      } else if (section.isEmpty() && sections().contains(key)) {
        if (value.isObject()) {
          readSection(value, key, values);
        } else if (!value.isNull()) {
          throw new ConfigException(key + ": expected a mapping of settings, got " + value);
        }
      } else {
        throw new ConfigException("unknown setting \"" + key + "\"; known settings here: " + knownIn(section));
      }
    }
  }

  /** Applies every {@code JOBGATE_*} variable; any other variable is none of the agent's business. */
  public static AgentConfig fromEnvironment(Map<String, String> env, AgentConfig base) {
    Map<Setting<?>, Object> values = base.values();
    for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
      if (!Setting.isEnvName(e.getKey())) {
        continue;
      }
      Setting<?> setting = Settings.BY_ENV.get(e.getKey());
      if (setting == null) {
        throw new ConfigException("unknown environment variable " + e.getKey() + "; known variables: "
            + new TreeSet<>(Settings.BY_ENV.keySet()));
      }
      values.put(setting, setting.fromText(e.getKey(), e.getValue()));
    }
    return AgentConfig.from(values, base.dev());
  }

  /** Rules between settings, checked once every layer is applied. */
  static AgentConfig check(AgentConfig c) {
    if (c.drainDelay().compareTo(c.shutdownTimeout()) >= 0) {
      throw new ConfigException(Settings.DRAIN_DELAY.key() + ": expected less than " + Settings.SHUTDOWN_TIMEOUT.key()
          + " (" + Settings.SHUTDOWN_TIMEOUT.type().format(c.shutdownTimeout()) + "), got "
          + Settings.DRAIN_DELAY.type().format(c.drainDelay()));
    }
    if (c.tls().enabled() && (c.tls().certFile().isEmpty() || c.tls().keyFile().isEmpty())) {
      throw new ConfigException(Settings.TLS_ENABLED.key() + ": true needs " + Settings.TLS_CERT_FILE.key() + " and "
          + Settings.TLS_KEY_FILE.key());
    }
    if (c.tls().verifyHttpsClient() && c.tls().caFile().isEmpty()) {
      throw new ConfigException(Settings.TLS_VERIFY_HTTPS_CLIENT.key() + ": true needs " + Settings.TLS_CA_FILE.key()
          + ", the CA client certificates must chain to");
    }
    return c;
  }

  private static Set<String> sections() {
    Set<String> s = new TreeSet<>();
    for (Setting<?> setting : Settings.ALL) {
      if (!setting.section().isEmpty()) {
        s.add(setting.section());
      }
    }
    return s;
  }

  /** The keys allowed inside {@code section}: its settings, and at the top level the section names too. */
  private static Set<String> knownIn(String section) {
    Set<String> known = new TreeSet<>();
    for (Setting<?> s : Settings.ALL) {
      if (s.section().equals(section)) {
        known.add(s.key());
      }
    }
    if (section.isEmpty()) {
      known.addAll(sections());
    }
    return known;
  }
}
