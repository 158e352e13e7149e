package io.jobgate.support;

/** Job bodies in the shape clients send: unset fields absent or null, as the Go api package does. */
public final class Jobs {

  private Jobs() {
  }

  /** The seed page's example: service job, group "cache" with one redis task. */
  public static String example(String id, int count) {
    return """
        {"Job": {
          "ID": "%s", "Name": "%s", "Datacenters": ["dc1"],
          "TaskGroups": [{
            "Name": "cache", "Count": %d,
            "Tasks": [{
              "Name": "redis", "Driver": "docker",
              "Config": {"image": "redis:3.2"},
              "Resources": {"CPU": 500, "MemoryMB": 256,
                "Networks": [{"MBits": 10, "DynamicPorts": [{"Label": "db", "Value": 0}]}]}
            }]
          }]
        }}""".formatted(id, id, count);
  }

  public static String example(String id) {
    return example(id, 1);
  }

  public static String batch(String id) {
    return """
        {"Job": {"ID": "%s", "Type": "batch", "Datacenters": ["dc1"],
          "TaskGroups": [{"Name": "work", "Tasks": [{"Name": "t", "Driver": "exec",
            "Config": {"command": "/bin/true"}}]}]}}""".formatted(id);
  }

  /**
   * A service job of {@code count} mock tasks: {@code groupExtra} is spliced into the group
   * (update, restart, reschedule stanzas), {@code config} is the task's driver config.
   */
  public static String service(String id, int count, String groupExtra, String config) {
    return """
        {"Job": {"ID": "%s", "Datacenters": ["dc1"],
          "TaskGroups": [{"Name": "app", "Count": %d%s,
            "Tasks": [{"Name": "main", "Driver": "exec", "Config": %s,
              "Resources": {"CPU": 100, "MemoryMB": 64}}]}]}}""".formatted(id, count,
        groupExtra.isEmpty() ? "" : ", " + groupExtra, config);
  }

  /** A batch job whose task runs for {@code runFor} and exits with {@code exitCode}. */
  public static String batch(String id, String runFor, int exitCode) {
    return """
        {"Job": {"ID": "%s", "Type": "batch", "Datacenters": ["dc1"],
          "TaskGroups": [{"Name": "work", "Tasks": [{"Name": "t", "Driver": "exec",
            "Config": {"command": "/bin/true", "run_for": "%s", "exit_code": %d},
            "Resources": {"CPU": 100, "MemoryMB": 64}}]}]}}""".formatted(id, runFor, exitCode);
  }
}
