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
}
