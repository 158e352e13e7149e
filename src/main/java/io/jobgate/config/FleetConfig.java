package io.jobgate.config;

import java.util.List;

/**
 * The simulated client fleet.
 *
 * @param timeScale how fast simulated time runs: every duration the simulation waits out
 *                  ({@code run_for}, restart and reschedule delays, health deadlines, kill timeouts)
 *                  is multiplied by it; 1 is real time, 0.01 a hundred times faster
 * @param nodes     groups of identical nodes registered at start
 */
public record FleetConfig(double timeScale, List<NodeGroupConfig> nodes) {

  public static final double DEFAULT_TIME_SCALE = 1.0;
  public static final List<NodeGroupConfig> DEFAULT_NODES = List.of(NodeGroupConfig.DEFAULT);

  public static FleetConfig defaults() {
    return new FleetConfig(DEFAULT_TIME_SCALE, DEFAULT_NODES);
  }
}
