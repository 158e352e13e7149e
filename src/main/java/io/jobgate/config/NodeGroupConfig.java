package io.jobgate.config;

import java.util.List;
import java.util.Map;

/**
 * {@code count} identical simulated nodes, named {@code <name>-1 … <name>-<count>}.
 *
 * @param datacenter   the nodes' datacenter; empty means the agent's {@code datacenter}
 * @param nodeClass    Nomad's node class (empty: none)
 * @param cpu          total CPU in MHz
 * @param memoryMB     total memory
 * @param diskMB       total disk for ephemeral disks
 * @param iops         total IOPS
 * @param networkMBits bandwidth of the node's one network device
 * @param drivers      task drivers the node advertises as {@code driver.<name>=1}; the mock driver
 *                     runs every one of them
 * @param meta         node meta, for {@code ${meta.*}} constraints
 */
public record NodeGroupConfig(String name, int count, String datacenter, String nodeClass, int cpu, int memoryMB,
    int diskMB, int iops, int networkMBits, List<String> drivers, Map<String, String> meta) {

  /** Every driver Nomad 0.8's job validation accepts (spec §5.1). */
  public static final List<String> ALL_DRIVERS = List.of("docker", "exec", "raw_exec", "java", "qemu", "rkt");

  /** The default fleet: three nodes, each room for eight of the seed's 500 MHz / 256 MB example. */
  public static final NodeGroupConfig DEFAULT =
      new NodeGroupConfig("dev", 3, "", "", 4000, 8192, 102_400, 150, 1000, ALL_DRIVERS, Map.of());
}
