package io.jobgate.fleet;

import io.jobgate.config.NodeGroupConfig;
import io.jobgate.structs.ComputedClass;
import io.jobgate.structs.DriverInfo;
import io.jobgate.structs.NetworkResource;
import io.jobgate.structs.Node;
import io.jobgate.structs.NodeEvent;
import io.jobgate.structs.Resources;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Builds simulated nodes that look like Nomad 0.8 Linux clients: the attributes constraints
 * commonly name ({@code kernel.name}, {@code os.signals}, {@code driver.*}, {@code unique.*} …),
 * one network device with a private address, and every configured driver detected and healthy.
 */
final class NodeFactory {

  static final String NOMAD_VERSION = "0.8.6";
  static final String OS_SIGNALS = "SIGABRT,SIGALRM,SIGBUS,SIGCHLD,SIGCONT,SIGFPE,SIGHUP,SIGILL,SIGINT,SIGIO,"
      + "SIGIOT,SIGKILL,SIGPIPE,SIGPROF,SIGQUIT,SIGSEGV,SIGSTOP,SIGSYS,SIGTERM,SIGTRAP,SIGTSTP,SIGTTIN,SIGTTOU,"
      + "SIGURG,SIGUSR1,SIGUSR2,SIGWINCH,SIGXCPU,SIGXFSZ";
  private static final Resources NOTHING_RESERVED = new Resources(0, 0, 0, 0, null);

  private NodeFactory() {
  }

  /**
   * Node IDs derive from datacenter and name, so an agent restarted on durable state finds its
   * nodes again instead of registering new ones beside them.
   */
  static String stableId(String kind, String datacenter, String name) {
    return UUID.nameUUIDFromBytes(("jobgate-" + kind + ":" + datacenter + ":" + name).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  /** Driver infos are immutable: one map per group serves all of its nodes. */
  static Map<String, DriverInfo> drivers(List<String> names, Instant now) {
    Map<String, DriverInfo> out = new TreeMap<>();
    for (String d : names) {
      out.put(d, new DriverInfo(Map.of("driver." + d, "1"), true, true, "Driver " + d + " is detected and healthy",
          now));
    }
    return Map.copyOf(out);
  }

  /** Node number {@code ordinal} of the fleet (from 1), the {@code i}-th of its group. */
  static Node build(NodeGroupConfig g, String datacenter, int i, long ordinal, Map<String, DriverInfo> drivers,
      Instant now) {
    String name = g.name() + "-" + i;
    String ip = "10." + ((ordinal >> 16) & 255) + "." + ((ordinal >> 8) & 255) + "." + (ordinal & 255);
    Map<String, String> attrs = new HashMap<>();
    attrs.put("kernel.name", "linux");
    attrs.put("kernel.version", "4.15.0");
    attrs.put("os.name", "ubuntu");
    attrs.put("os.version", "18.04");
    attrs.put("os.signals", OS_SIGNALS);
    attrs.put("arch", "amd64");
    attrs.put("cpu.arch", "amd64");
    attrs.put("cpu.numcores", "4");
    attrs.put("cpu.frequency", Integer.toString(g.cpu() / 4));
    attrs.put("cpu.totalcompute", Integer.toString(g.cpu()));
    attrs.put("cpu.modelname", "jobgate simulated CPU");
    attrs.put("memory.totalbytes", Long.toString(g.memoryMB() * 1024L * 1024L));
    attrs.put("nomad.version", NOMAD_VERSION);
    attrs.put("nomad.revision", "jobgate");
    attrs.put("unique.hostname", name);
    attrs.put("unique.network.ip-address", ip);
    attrs.put("unique.storage.volume", "/dev/sda1");
    attrs.put("unique.storage.bytestotal", Long.toString(g.diskMB() * 1024L * 1024L));
    attrs.put("unique.storage.bytesfree", Long.toString(g.diskMB() * 1024L * 1024L));
    for (String d : g.drivers()) {
      attrs.put("driver." + d, "1");
    }
    if (g.drivers().contains("docker")) {
      attrs.put("driver.docker.version", "17.09.0-ce");
    }
    Map<String, String> meta = g.meta().isEmpty() ? null : g.meta();
    NetworkResource net = new NetworkResource("eth0", ip + "/32", ip, g.networkMBits(), null, null);
    Resources resources = new Resources(g.cpu(), g.memoryMB(), g.diskMB(), g.iops(), List.of(net));
    String computed = ComputedClass.of(datacenter, g.nodeClass(), attrs, meta, drivers.keySet());
    long nowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    return new Node(stableId("node", datacenter, name), stableId("secret", datacenter, name), datacenter, name,
        ip + ":4646",
        false, Map.copyOf(attrs), resources, NOTHING_RESERVED, null, meta, g.nodeClass(), computed, false, null,
        Node.ELIGIBLE, Node.STATUS_READY, "", nowNanos / 1_000_000_000L,
        List.of(new NodeEvent("Node Registered", "Cluster", null, now, 0)), drivers, 0, 0);
  }
}
