package io.jobgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @Test
  void shippedFileStatesExactlyTheDefaults() {
    AgentConfig fromFile = ConfigLoader.load(Path.of("conf/jobgate.yaml"), AgentConfig.defaults()
        .withBind("0.0.0.0", 1).withMaxBodyBytes(1).withMaxWait(Duration.ofSeconds(1)));
    assertEquals(AgentConfig.defaults(), fromFile);
  }

  @Test
  void unknownKeysAreRefusedByName(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("c.yaml");
    Files.writeString(f, "blocking:\n  max_wiat: 10s\n");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f, AgentConfig.defaults()));
    assertEquals("unknown setting \"blocking.max_wiat\"; known settings here: "
        + "[blocking.jitter_fraction, blocking.max_wait, blocking.sweep_interval]", e.getMessage());
  }

  @Test
  void badValuesNameTheKeyAndWhatIsAllowed(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("c.yaml");
    Files.writeString(f, "http_port: 70000\n");
    assertEquals("http_port: expected a whole number from 0 to 65535, got 70000",
        assertThrows(ConfigException.class, () -> ConfigLoader.load(f, AgentConfig.defaults())).getMessage());
    Files.writeString(f, "blocking:\n  max_wait: soon\n");
    assertEquals("blocking.max_wait: expected a duration such as 300ms, 10s or 5m, got \"soon\"",
        assertThrows(ConfigException.class, () -> ConfigLoader.load(f, AgentConfig.defaults())).getMessage());
  }

  @Test
  void fileValuesOverrideDefaults(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("c.yaml");
    Files.writeString(f, "http_port: 5000\nblocking:\n  max_wait: 30s\n");
    AgentConfig c = ConfigLoader.load(f, AgentConfig.defaults());
    assertEquals(5000, c.httpPort());
    assertEquals(Duration.ofSeconds(30), c.maxWait());
  }

  @Test
  void fleetNodesAndSchedulerAreRead(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("c.yaml");
    Files.writeString(f, """
        scheduler:
          enabled: false
          workers: 3
        fleet:
          time_scale: 0.01
          nodes:
            - name: big
              count: 2
              datacenter: dc2
              cpu: 16000
              drivers: [docker]
              meta: {rack: r1}
        """);
    AgentConfig c = ConfigLoader.load(f, AgentConfig.defaults());
    assertEquals(new SchedulerConfig(false, 3), c.scheduler());
    assertEquals(0.01, c.fleet().timeScale());
    NodeGroupConfig g = c.fleet().nodes().get(0);
    assertEquals("big", g.name());
    assertEquals(2, g.count());
    assertEquals("dc2", g.datacenter());
    assertEquals(16000, g.cpu());
    assertEquals(NodeGroupConfig.DEFAULT.memoryMB(), g.memoryMB());
    assertEquals(java.util.List.of("docker"), g.drivers());
    assertEquals(java.util.Map.of("rack", "r1"), g.meta());
  }

  @Test
  void badFleetSettingsNameTheirKey(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("c.yaml");
    Files.writeString(f, "fleet:\n  nodes:\n    - cpus: 4\n");
    assertTrue(assertThrows(ConfigException.class, () -> ConfigLoader.load(f, AgentConfig.defaults())).getMessage()
        .startsWith("unknown setting \"fleet.nodes[0].cpus\""));
    Files.writeString(f, "fleet:\n  time_scale: 0\n");
    assertEquals("fleet.time_scale: expected a number above 0, got 0",
        assertThrows(ConfigException.class, () -> ConfigLoader.load(f, AgentConfig.defaults())).getMessage());
  }
}
