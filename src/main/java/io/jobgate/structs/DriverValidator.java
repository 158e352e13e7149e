package io.jobgate.structs;

import static io.jobgate.structs.GoFmt.q;
import static io.jobgate.structs.Nulls.str;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The server-side driver checks of Nomad's {@code validateJob} (spec §5.1): the driver must be one
 * of the built-in ones, its config must carry the required key and no unknown keys, and a task
 * needing signals needs a driver that can send them.
 */
final class DriverValidator {

  /**
   * Keys of the mock driver's semantics ({@code run_for}, …): accepted in every driver's config so
   * jobs written against it validate whatever driver they name.
   */
  private static final Set<String> MOCK_KEYS = Set.of("run_for", "exit_code", "start_error", "start_block_for",
      "kill_after");

  /** Nomad 0.8's schema for each driver's {@code Validate}; the first key, if any, is required. */
  private static final Map<String, Driver> DRIVERS = Map.of(
      "docker", new Driver("image", true, Set.of("image", "load", "command", "args", "entrypoint", "ipc_mode",
          "network_mode", "network_aliases", "ipv4_address", "ipv6_address", "mac_address", "pid_mode", "uts_mode",
          "userns_mode", "sysctl", "ulimit", "port_map", "privileged", "dns_servers", "dns_options",
          "dns_search_domains", "extra_hosts", "hostname", "labels", "auth", "auth_soft_fail", "ssl", "tty",
          "interactive", "shm_size", "work_dir", "logging", "volumes", "volume_driver", "mounts", "force_pull",
          "security_opt", "devices", "cap_add", "cap_drop", "readonly_rootfs", "advertise_ipv6_address",
          "cpu_hard_limit")),
      "exec", new Driver("command", true, Set.of("command", "args")),
      "raw_exec", new Driver("command", true, Set.of("command", "args")),
      "java", new Driver(null, true, Set.of("class", "class_path", "jar_path", "jvm_options", "args")),
      "qemu", new Driver("image_path", false, Set.of("image_path", "accelerator", "graceful_shutdown", "port_map",
          "args")),
      "rkt", new Driver("image", false, Set.of("image", "command", "args", "trust_prefix", "dns_servers",
          "dns_search_domains", "net", "port_map", "debug", "volumes", "no_overlay", "insecure_options", "group")));

  private record Driver(String requiredKey, boolean sendsSignals, Set<String> keys) {

    /**
     * Nomad's {@code fields.FieldData.Validate}. It walks Go maps, so its order is random; here
     * the missing required key comes first, then the config's keys in sorted order.
     */
    List<String> configErrors(Map<String, Object> config) {
      List<String> errors = new ArrayList<>();
      Map<String, Object> raw = config == null ? Map.of() : config;
      if (requiredKey != null && !raw.containsKey(requiredKey)) {
        errors.add("field " + q(requiredKey) + " is required");
      }
      for (String key : new TreeSet<>(raw.keySet())) {
        if (!keys.contains(key) && !MOCK_KEYS.contains(key)) {
          errors.add(q(key) + " is an invalid field");
        } else if (key.equals(requiredKey) && (raw.get(key) == null || "".equals(raw.get(key)))) {
          errors.add("field " + q(key) + " is required, but no value was found");
        }
      }
      return errors;
    }
  }

  private DriverValidator() {
  }

  static List<String> validate(Job job) {
    List<String> errors = new ArrayList<>();
    Map<String, Map<String, SortedSet<String>>> signals = Signals.required(job.taskGroups());
    for (TaskGroup tg : Nulls.list(job.taskGroups())) {
      String group = str(tg.name());
      for (Task task : Nulls.list(tg.tasks())) {
        String name = str(task.name());
        String driverName = str(task.driver());
        Driver driver = DRIVERS.get(driverName);
        if (driver == null) {
          // Nomad 0.8 passes the group name for the task and vice versa: kept as is (§5.1).
          errors.add("failed to create driver for task " + q(group) + " in group " + q(name)
              + " for validation: unknown driver '" + driverName + "'");
          continue;
        }
        List<String> config = driver.configErrors(task.config());
        if (!config.isEmpty()) {
          errors.add("group " + q(group) + " -> task " + q(name) + " -> config: " + MultiError.format(config));
        }
        SortedSet<String> required = signals.getOrDefault(tg.name(), Map.of()).get(task.name());
        if (required != null && !driver.sendsSignals()) {
          errors.add("group " + q(group) + " -> task " + q(name) + ": driver " + q(driverName)
              + " doesn't support sending signals. Requested signals are " + String.join(", ", required));
        }
      }
    }
    return errors;
  }
}
