package io.jobgate.config;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jobgate.config.ConfigLoader.Flag;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir
  Path dir;

  private Path file(String yaml) throws IOException {
    Path f = dir.resolve("c.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  private String refusal(String yaml) throws IOException {
    Path f = file(yaml);
    return assertThrows(ConfigException.class, () -> ConfigLoader.resolve(f, Map.of(), List.of(), false))
        .getMessage();
  }

  private static String envRefusal(Map<String, String> env) {
    return assertThrows(ConfigException.class, () -> ConfigLoader.resolve(null, env, List.of(), false))
        .getMessage();
  }

  @Test
  void shippedFileStatesExactlyTheDefaults() {
    AgentConfig fromFile = ConfigLoader.load(Path.of("conf/jobgate.yaml"), AgentConfig.defaults()
        .withBind("0.0.0.0", 1).withMaxBodyBytes(1).withMaxWait(Duration.ofSeconds(1))
        .with(Settings.LOG_FORMAT, "logfmt").with(Settings.SHUTDOWN_TIMEOUT, Duration.ofSeconds(99)));
    assertEquals(AgentConfig.defaults(), fromFile);
  }

  @Test
  void shippedFileListsEverySetting() throws IOException {
    JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(Path.of("conf/jobgate.yaml").toFile());
    Set<String> keys = new TreeSet<>();
    root.fields().forEachRemaining(e -> {
      if (e.getValue().isObject()) {
        e.getValue().fieldNames().forEachRemaining(k -> keys.add(e.getKey() + "." + k));
      } else {
        keys.add(e.getKey());
      }
    });
    assertEquals(Settings.ALL.stream().map(Setting::key).collect(Collectors.toCollection(TreeSet::new)), keys);
  }

  @Test
  void kubernetesBaseCarriesAnExactCopyOfTheShippedFile() throws IOException {
    // kustomize reads no file outside its folder, so the ConfigMap is generated from a copy.
    assertEquals(Files.readString(Path.of("conf/jobgate.yaml")), Files.readString(Path.of("k8s/base/jobgate.yaml")),
        "k8s/base/jobgate.yaml must equal conf/jobgate.yaml: cp conf/jobgate.yaml k8s/base/");
  }

  @Test
  void eachLayerOverridesTheOneBefore() throws IOException {
    Path f = file("http_port: 5000\nregion: eu\nblocking:\n  max_wait: 30s\nlog:\n  level: warn\n");
    Map<String, String> env = Map.of("JOBGATE_HTTP_PORT", "6000", "JOBGATE_LOG_LEVEL", "debug",
        "PATH", "/usr/bin", "JAVA_HOME", "/opt/java");
    AgentConfig c = ConfigLoader.resolve(f, env, List.of(new Flag("-http-port", Settings.HTTP_PORT, "7000")), true);
    assertEquals(7000, c.httpPort(), "a flag beats the environment and the file");
    assertEquals("debug", c.logLevel(), "the environment beats the file");
    assertEquals("eu", c.region(), "the file beats the default");
    assertEquals(Duration.ofSeconds(30), c.maxWait(), "the file beats the default");
    assertEquals(AgentConfig.DEFAULT_DATACENTER, c.datacenter(), "an unset setting keeps its default");
    assertEquals(true, c.dev());
  }

  @Test
  void everySettingHasAnEnvironmentVariable() {
    Map<String, String> env = Map.of("JOBGATE_BLOCKING_MAX_WAIT", "2m", "JOBGATE_LIMITS_HTTP_MAX_CONNS_PER_CLIENT",
        "100", "JOBGATE_METRICS_PROMETHEUS", "false", "JOBGATE_SHUTDOWN_DRAIN_DELAY", "3s",
        "JOBGATE_BLOCKING_DEFAULT_WAIT", "1m");
    AgentConfig c = ConfigLoader.resolve(null, env, List.of(), false);
    assertEquals(Duration.ofMinutes(2), c.maxWait());
    assertEquals(Duration.ofMinutes(1), c.defaultWait());
    assertEquals(100, c.maxConnsPerClient());
    assertEquals(false, c.prometheus());
    assertEquals(Duration.ofSeconds(3), c.drainDelay());
    assertEquals("JOBGATE_LIMITS_MAX_BODY_BYTES", Settings.MAX_BODY_BYTES.envName());
  }

  @Test
  void unknownKeysAreRefusedByName() throws IOException {
    assertEquals("unknown setting \"blocking.max_wiat\"; known settings here: [blocking.default_wait, "
        + "blocking.jitter_fraction, blocking.max_wait, blocking.sweep_interval]",
        refusal("blocking:\n  max_wiat: 10s\n"));
    assertEquals("unknown setting \"bind\"; known settings here: [acl, bind_addr, blocking, data_dir, datacenter, "
        + "fleet, gc, http_instances, http_port, limits, log, metrics, region, scheduler, shutdown, tls]",
        refusal("bind: 0.0.0.0\n"));
  }

  @Test
  void unknownJobgateVariablesAreRefusedByName() {
    String m = envRefusal(Map.of("JOBGATE_HTTP_PROT", "1"));
    assertEquals("unknown environment variable JOBGATE_HTTP_PROT; known variables: [JOBGATE_ACL_ENABLED, JOBGATE_BIND_ADDR, ",
        m.substring(0, m.indexOf("JOBGATE_BIND_ADDR") + "JOBGATE_BIND_ADDR, ".length()));
  }

  @Test
  void badValuesNameTheKeyAndWhatIsAllowed() throws IOException {
    assertEquals("http_port: expected a whole number from 0 to 65535, got 70000", refusal("http_port: 70000\n"));
    assertEquals("http_port: expected a whole number from 0 to 65535, got \"http\"", refusal("http_port: http\n"));
    assertEquals("blocking.max_wait: expected a duration such as 300ms, 10s or 5m, got \"soon\"",
        refusal("blocking:\n  max_wait: soon\n"));
    assertEquals("blocking.sweep_interval: expected a duration such as 300ms, 10s or 5m, got \"0s\"",
        refusal("blocking:\n  sweep_interval: 0s\n"));
    assertEquals("shutdown.drain_delay: expected a duration such as 0s, 500ms or 5s, got \"-1s\"",
        refusal("shutdown:\n  drain_delay: -1s\n"));
    assertEquals("limits.max_body_bytes: expected a whole number from 1024 to 9223372036854775807, got 10",
        refusal("limits:\n  max_body_bytes: 10\n"));
    assertEquals("log.level: expected one of debug, info, warn, error, got \"verbose\"",
        refusal("log:\n  level: verbose\n"));
    assertEquals("log.format: expected one of json, logfmt, got \"xml\"", refusal("log:\n  format: xml\n"));
    assertEquals("metrics.prometheus: expected true or false, got \"yes please\"",
        refusal("metrics:\n  prometheus: yes please\n"));
    assertEquals("region: expected a non-empty string, got 5", refusal("region: 5\n"));
    assertEquals("region: expected a non-empty string, got [\"a\",\"b\"]", refusal("region: [a, b]\n"));
    assertEquals("blocking: expected a mapping of settings, got \"5m\"", refusal("blocking: 5m\n"));
    assertTrue(refusal("- http_port\n").endsWith(": expected a mapping of settings at the top level"));
  }

  @Test
  void rulesBetweenSettingsAreChecked() throws IOException {
    assertEquals("shutdown.drain_delay: expected less than shutdown.timeout (10s), got 10s",
        refusal("shutdown:\n  drain_delay: 10s\n"));
  }

  @Test
  void theDefaultWaitNeverExceedsTheCap() throws IOException {
    AgentConfig c = ConfigLoader.resolve(file("blocking:\n  max_wait: 30s\n"), Map.of(), List.of(), false);
    assertEquals(Duration.ofSeconds(30), c.effectiveDefaultWait(), "lowering the cap lowers the default with it");
  }

  @Test
  void environmentAndFlagRefusalsNameTheirSource() {
    assertEquals("JOBGATE_BLOCKING_MAX_WAIT (blocking.max_wait): expected a duration such as 300ms, 10s or 5m, "
        + "got \"forever\"", envRefusal(Map.of("JOBGATE_BLOCKING_MAX_WAIT", "forever")));
    assertEquals("-http-port (http_port): expected a whole number from 0 to 65535, got \"-1\"",
        assertThrows(ConfigException.class, () -> ConfigLoader.resolve(null, Map.of(),
            List.of(new Flag("-http-port", Settings.HTTP_PORT, "-1")), false)).getMessage());
  }

  @Test
  void anUnreadableFileIsRefused() {
    Path missing = dir.resolve("missing.yaml");
    String m = assertThrows(ConfigException.class,
        () -> ConfigLoader.resolve(missing, Map.of(), List.of(), false)).getMessage();
    assertEquals("cannot read config file " + missing, m.substring(0, m.indexOf(':')));
  }

  @Test
  void anEmptyFileMeansDefaults() throws IOException {
    assertEquals(AgentConfig.defaults(), ConfigLoader.resolve(file("# nothing\n"), Map.of(), List.of(), false));
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
    AgentConfig c = ConfigLoader.resolve(f, Map.of(), List.of(), false);
    assertTrue(c.aclEnabled());
    assertEquals(new TlsConfig(true, "/etc/jobgate/agent.pem", "/etc/jobgate/agent-key.pem", "/etc/jobgate/ca.pem",
        true), c.tls());
    assertEquals(7, c.maxConnsPerClient());
    assertEquals(List.of("10.0.0.0/8", "fd00::/8", "192.168.1.10"), c.trustedAddresses());
    assertEquals(List.of("10.0.0.0/8", "::1"), ConfigLoader.fromEnvironment(
        Map.of("JOBGATE_LIMITS_TRUSTED_ADDRESSES", "10.0.0.0/8, ::1"), AgentConfig.defaults()).trustedAddresses());
  }

  @Test
  void incompleteTlsAndBadAddressesAreRefused(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("c.yaml");
    Files.writeString(f, "tls:\n  enabled: true\n  cert_file: a.pem\n");
    assertEquals("tls.enabled: true needs tls.cert_file and tls.key_file", assertThrows(ConfigException.class,
        () -> ConfigLoader.resolve(f, Map.of(), List.of(), false)).getMessage());
    Files.writeString(f, "tls:\n  verify_https_client: true\n");
    assertEquals("tls.verify_https_client: true needs tls.ca_file, the CA client certificates must chain to",
        assertThrows(ConfigException.class, () -> ConfigLoader.resolve(f, Map.of(), List.of(), false)).getMessage());
    Files.writeString(f, "limits:\n  trusted_addresses: [\"intranet.example.com\"]\n");
    assertEquals("limits.trusted_addresses: expected a list of IP addresses or CIDR blocks such as "
        + "[\"127.0.0.0/8\", \"::1\"], got [\"intranet.example.com\"]",
        assertThrows(ConfigException.class, () -> ConfigLoader.load(f, AgentConfig.defaults())).getMessage());
    Files.writeString(f, "limits:\n  trusted_addresses: [\"10.0.0.0/33\"]\n");
    assertThrows(ConfigException.class, () -> ConfigLoader.load(f, AgentConfig.defaults()));
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
