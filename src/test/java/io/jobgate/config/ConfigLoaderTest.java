package io.jobgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
        .withBind("0.0.0.0", 1).withMaxBodyBytes(1).withMaxWait(Duration.ofSeconds(1))
        .withGc(new GcConfig(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1))));
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
}
