package io.jobgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
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
  void accessSettingsAreRead(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("c.yaml");
    Files.writeString(f, """
        acl:
          enabled: true
        tls:
          enabled: true
          cert_file: /etc/jobgate/agent.pem
          key_file: /etc/jobgate/agent-key.pem
          ca_file: /etc/jobgate/ca.pem
          verify_https_client: true
        limits:
          http_max_conns_per_client: 7
          trusted_addresses: ["10.0.0.0/8", "fd00::/8", "192.168.1.10"]
        """);
    AgentConfig c = ConfigLoader.load(f, AgentConfig.defaults());
    assertTrue(c.aclEnabled());
    assertEquals(new TlsConfig(true, "/etc/jobgate/agent.pem", "/etc/jobgate/agent-key.pem", "/etc/jobgate/ca.pem",
        true), c.tls());
    assertEquals(new ConnectionLimits(7, List.of("10.0.0.0/8", "fd00::/8", "192.168.1.10")), c.connectionLimits());
  }

  @Test
  void incompleteTlsAndBadAddressesAreRefused(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("c.yaml");
    Files.writeString(f, "tls:\n  enabled: true\n  cert_file: a.pem\n");
    assertEquals("tls: cert_file and key_file are required when tls.enabled is true",
        assertThrows(ConfigException.class, () -> ConfigLoader.load(f, AgentConfig.defaults())).getMessage());
    Files.writeString(f, "tls:\n  verify_https_client: true\n");
    assertEquals("tls: ca_file is required when tls.verify_https_client is true",
        assertThrows(ConfigException.class, () -> ConfigLoader.load(f, AgentConfig.defaults())).getMessage());
    Files.writeString(f, "limits:\n  trusted_addresses: [\"intranet.example.com\"]\n");
    assertEquals("limits.trusted_addresses: \"intranet.example.com\" is not an IP address",
        assertThrows(ConfigException.class, () -> ConfigLoader.load(f, AgentConfig.defaults())).getMessage());
    Files.writeString(f, "limits:\n  trusted_addresses: [\"10.0.0.0/33\"]\n");
    assertEquals("limits.trusted_addresses: \"10.0.0.0/33\" has a bad prefix length",
        assertThrows(ConfigException.class, () -> ConfigLoader.load(f, AgentConfig.defaults())).getMessage());
    Files.writeString(f, "acl:\n  enabled: yes please\n");
    assertEquals("acl.enabled: expected true or false, got \"yes please\"",
        assertThrows(ConfigException.class, () -> ConfigLoader.load(f, AgentConfig.defaults())).getMessage());
  }

  @Test
  void cidrBlocksMatchTheirAddresses() throws Exception {
    assertTrue(Cidr.parse("10.1.0.0/16").contains(InetAddress.getByName("10.1.200.3")));
    assertFalse(Cidr.parse("10.1.0.0/16").contains(InetAddress.getByName("10.2.0.1")));
    assertTrue(Cidr.parse("10.0.0.0/9").contains(InetAddress.getByName("10.127.0.1")));
    assertFalse(Cidr.parse("10.0.0.0/9").contains(InetAddress.getByName("10.128.0.1")));
    assertTrue(Cidr.parse("::1").contains(InetAddress.getByName("::1")));
    assertFalse(Cidr.parse("::1").contains(InetAddress.getByName("127.0.0.1")));
    assertTrue(Cidr.parse("0.0.0.0/0").contains(InetAddress.getByName("203.0.113.9")));
  }
}
