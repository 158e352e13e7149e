package io.jobgate.config;

import java.time.Duration;

/**
 * The agent's settings, with every default in one place. The file {@code conf/jobgate.yaml}
 * documents the same values; a test keeps the two in step.
 *
 * @param bindAddr          address the HTTP API listens on
 * @param httpPort          port of the HTTP API
 * @param region            this agent's region; requests for another one are refused
 * @param datacenter        datacenter of the simulated fleet
 * @param dev               in-memory dev mode
 * @param dataDir           where durable state lives (unused in dev mode)
 * @param httpInstances     HTTP verticle instances sharing the port (0 = one per core)
 * @param maxWait           cap on a blocking query's {@code wait}; also its default (spec §2.1)
 * @param jitterFraction    a blocking query waits up to {@code wait / jitterFraction} more
 * @param maxBodyBytes      largest request body accepted; larger ones get 413
 * @param sweepInterval     resolution of blocking-query deadlines
 * @param scheduler         the evaluation broker and scheduler workers
 * @param fleet             the simulated client nodes
 */
public record AgentConfig(
    String bindAddr,
    int httpPort,
    String region,
    String datacenter,
    boolean dev,
    String dataDir,
    int httpInstances,
    Duration maxWait,
    int jitterFraction,
    long maxBodyBytes,
    Duration sweepInterval,
    SchedulerConfig scheduler,
    FleetConfig fleet) {

  public static final String DEFAULT_BIND_ADDR = "127.0.0.1";
  public static final int DEFAULT_HTTP_PORT = 4646;
  public static final String DEFAULT_REGION = "global";
  public static final String DEFAULT_DATACENTER = "dc1";
  public static final String DEFAULT_DATA_DIR = "data";
  public static final int DEFAULT_HTTP_INSTANCES = 0;
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofMinutes(5);
  public static final int DEFAULT_JITTER_FRACTION = 16;
  public static final long DEFAULT_MAX_BODY_BYTES = 10L * 1024 * 1024;
  public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofMillis(50);

  public static AgentConfig defaults() {
    return new AgentConfig(DEFAULT_BIND_ADDR, DEFAULT_HTTP_PORT, DEFAULT_REGION, DEFAULT_DATACENTER, false,
        DEFAULT_DATA_DIR, DEFAULT_HTTP_INSTANCES, DEFAULT_MAX_WAIT, DEFAULT_JITTER_FRACTION, DEFAULT_MAX_BODY_BYTES,
        DEFAULT_SWEEP_INTERVAL, SchedulerConfig.defaults(), FleetConfig.defaults());
  }

  public int effectiveHttpInstances() {
    return httpInstances > 0 ? httpInstances : Runtime.getRuntime().availableProcessors();
  }

  public AgentConfig withBind(String addr, int port) {
    return new AgentConfig(addr, port, region, datacenter, dev, dataDir, httpInstances, maxWait, jitterFraction,
        maxBodyBytes, sweepInterval, scheduler, fleet);
  }

  public AgentConfig withDev(boolean newDev) {
    return new AgentConfig(bindAddr, httpPort, region, datacenter, newDev, dataDir, httpInstances, maxWait,
        jitterFraction, maxBodyBytes, sweepInterval, scheduler, fleet);
  }

  public AgentConfig withMaxBodyBytes(long bytes) {
    return new AgentConfig(bindAddr, httpPort, region, datacenter, dev, dataDir, httpInstances, maxWait,
        jitterFraction, bytes, sweepInterval, scheduler, fleet);
  }

  public AgentConfig withMaxWait(Duration wait) {
    return new AgentConfig(bindAddr, httpPort, region, datacenter, dev, dataDir, httpInstances, wait,
        jitterFraction, maxBodyBytes, sweepInterval, scheduler, fleet);
  }

  public AgentConfig withScheduler(SchedulerConfig newScheduler) {
    return new AgentConfig(bindAddr, httpPort, region, datacenter, dev, dataDir, httpInstances, maxWait,
        jitterFraction, maxBodyBytes, sweepInterval, newScheduler, fleet);
  }

  public AgentConfig withFleet(FleetConfig newFleet) {
    return new AgentConfig(bindAddr, httpPort, region, datacenter, dev, dataDir, httpInstances, maxWait,
        jitterFraction, maxBodyBytes, sweepInterval, scheduler, newFleet);
  }

  /** The store and API alone: no scheduler, no nodes. Every index is then exactly Nomad's §6.1 sequence. */
  public AgentConfig withoutCluster() {
    return withScheduler(new SchedulerConfig(false, scheduler.workers()))
        .withFleet(new FleetConfig(fleet.timeScale(), java.util.List.of()));
  }
}
