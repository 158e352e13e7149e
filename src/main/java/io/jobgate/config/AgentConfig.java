package io.jobgate.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent's settings, with every default in one place. {@link Settings} names each one for the
 * file, the environment and the flags; {@code conf/jobgate.yaml} and the README's table state the
 * same defaults, and tests keep all three in step.
 *
 * @param bindAddr          address the HTTP API listens on
 * @param httpPort          port of the HTTP API
 * @param region            this agent's region; requests for another one are refused
 * @param datacenter        datacenter of the simulated fleet
 * @param dev               in-memory dev mode (a flag only: no file would ask for it)
 * @param dataDir           where durable state lives (unused in dev mode)
 * @param httpInstances     HTTP verticle instances sharing the port (0 = one per core)
 * @param maxWait           cap on a blocking query's {@code wait} (spec §2.1)
 * @param defaultWait       a blocking query's wait when it gives none or zero (Nomad: equal to the cap)
 * @param jitterFraction    a blocking query waits up to {@code wait / jitterFraction} more
 * @param sweepInterval     resolution of blocking-query deadlines
 * @param maxBodyBytes      largest request body accepted; larger ones get 413
 * @param maxConnections    open HTTP connections allowed in all (0 = no limit)
 * @param maxConnsPerClient open HTTP connections allowed per client IP (0 = no limit)
 * @param trustedAddresses  IPs and CIDR blocks the per-client limit does not apply to
 * @param aclEnabled        ACL tokens and policies are enforced (Nomad's {@code acl.enabled})
 * @param tls               HTTPS settings
 * @param logLevel          one of {@link #LOG_LEVELS}
 * @param logFormat         one of {@link #LOG_FORMATS}
 * @param prometheus        whether the Prometheus text form is served
 * @param jvmMetrics        whether JVM, process and Netty meters are registered
 * @param shutdownTimeout   from SIGTERM to exit, at most
 * @param drainDelay        how long the agent stays up but not ready before it answers parked queries
 * @param gc                garbage collection of finished evaluations, allocations, jobs and deployments
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
    Duration defaultWait,
    int jitterFraction,
    Duration sweepInterval,
    long maxBodyBytes,
    int maxConnections,
    int maxConnsPerClient,
    List<String> trustedAddresses,
    boolean aclEnabled,
    TlsConfig tls,
    String logLevel,
    String logFormat,
    boolean prometheus,
    boolean jvmMetrics,
    Duration shutdownTimeout,
    Duration drainDelay,
    GcConfig gc,
    SchedulerConfig scheduler,
    FleetConfig fleet) {

  public static final List<String> LOG_LEVELS = List.of("debug", "info", "warn", "error");
  public static final List<String> LOG_FORMATS = List.of("json", "logfmt");

  public static final String DEFAULT_BIND_ADDR = "127.0.0.1";
  public static final int DEFAULT_HTTP_PORT = 4646;
  public static final String DEFAULT_REGION = "global";
  public static final String DEFAULT_DATACENTER = "dc1";
  public static final String DEFAULT_DATA_DIR = "data";
  public static final int DEFAULT_HTTP_INSTANCES = 0;
  /** Nomad's {@code MaxBlockingRPCQueryTime} and {@code DefaultBlockingRPCQueryTime} are both 5 minutes. */
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofMinutes(5);
  public static final Duration DEFAULT_WAIT = Duration.ofMinutes(5);
  public static final int DEFAULT_JITTER_FRACTION = 16;
  public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofMillis(50);
  public static final long DEFAULT_MAX_BODY_BYTES = 10L * 1024 * 1024;
  public static final int DEFAULT_MAX_CONNECTIONS = 0;
  /** Nomad's {@code http_max_conns_per_client}. */
  public static final int DEFAULT_MAX_CONNS_PER_CLIENT = 100;
  /**
   * Loopback is exempt from the per-client limit: local tools, and a reverse proxy that brings
   * thousands of watchers from one address, arrive from there.
   */
  public static final List<String> DEFAULT_TRUSTED_ADDRESSES = List.of("127.0.0.0/8", "::1");
  public static final boolean DEFAULT_ACL_ENABLED = false;
  public static final String DEFAULT_LOG_LEVEL = "info";
  public static final String DEFAULT_LOG_FORMAT = "json";
  public static final boolean DEFAULT_PROMETHEUS = true;
  public static final boolean DEFAULT_JVM_METRICS = true;
  /** Inside Kubernetes' default 30 s grace period, with room for the JVM to exit. */
  public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_DRAIN_DELAY = Duration.ZERO;

  public static AgentConfig defaults() {
    Map<Setting<?>, Object> values = new LinkedHashMap<>();
    for (Setting<?> s : Settings.ALL) {
      values.put(s, s.defaultValue());
    }
    return from(values, false);
  }

  static AgentConfig from(Map<Setting<?>, Object> v, boolean dev) {
    return new AgentConfig(get(v, Settings.BIND_ADDR), get(v, Settings.HTTP_PORT), get(v, Settings.REGION),
        get(v, Settings.DATACENTER), dev, get(v, Settings.DATA_DIR), get(v, Settings.HTTP_INSTANCES),
        get(v, Settings.MAX_WAIT), get(v, Settings.DEFAULT_WAIT), get(v, Settings.JITTER_FRACTION),
        get(v, Settings.SWEEP_INTERVAL), get(v, Settings.MAX_BODY_BYTES), get(v, Settings.MAX_CONNECTIONS),
        get(v, Settings.MAX_CONNS_PER_CLIENT), get(v, Settings.TRUSTED_ADDRESSES), get(v, Settings.ACL_ENABLED),
        new TlsConfig(get(v, Settings.TLS_ENABLED), get(v, Settings.TLS_CERT_FILE), get(v, Settings.TLS_KEY_FILE),
            get(v, Settings.TLS_CA_FILE), get(v, Settings.TLS_VERIFY_HTTPS_CLIENT)),
        get(v, Settings.LOG_LEVEL), get(v, Settings.LOG_FORMAT),
        get(v, Settings.PROMETHEUS), get(v, Settings.JVM_METRICS), get(v, Settings.SHUTDOWN_TIMEOUT),
        get(v, Settings.DRAIN_DELAY),
        new GcConfig(get(v, Settings.GC_INTERVAL), get(v, Settings.GC_EVAL_THRESHOLD), get(v, Settings.GC_JOB_THRESHOLD),
            get(v, Settings.GC_DEPLOYMENT_THRESHOLD)),
        new SchedulerConfig(get(v, Settings.SCHEDULER_ENABLED), get(v, Settings.SCHEDULER_WORKERS)),
        new FleetConfig(get(v, Settings.FLEET_TIME_SCALE), get(v, Settings.FLEET_NODES)));
  }

  /** Every setting's value, keyed as {@link Settings} names them; the inverse of {@link #from}. */
  Map<Setting<?>, Object> values() {
    Map<Setting<?>, Object> v = new LinkedHashMap<>();
    v.put(Settings.BIND_ADDR, bindAddr);
    v.put(Settings.HTTP_PORT, httpPort);
    v.put(Settings.REGION, region);
    v.put(Settings.DATACENTER, datacenter);
    v.put(Settings.DATA_DIR, dataDir);
    v.put(Settings.HTTP_INSTANCES, httpInstances);
    v.put(Settings.MAX_WAIT, maxWait);
    v.put(Settings.DEFAULT_WAIT, defaultWait);
    v.put(Settings.JITTER_FRACTION, jitterFraction);
    v.put(Settings.SWEEP_INTERVAL, sweepInterval);
    v.put(Settings.MAX_BODY_BYTES, maxBodyBytes);
    v.put(Settings.MAX_CONNECTIONS, maxConnections);
    v.put(Settings.MAX_CONNS_PER_CLIENT, maxConnsPerClient);
    v.put(Settings.TRUSTED_ADDRESSES, trustedAddresses);
    v.put(Settings.ACL_ENABLED, aclEnabled);
    v.put(Settings.TLS_ENABLED, tls.enabled());
    v.put(Settings.TLS_CERT_FILE, tls.certFile());
    v.put(Settings.TLS_KEY_FILE, tls.keyFile());
    v.put(Settings.TLS_CA_FILE, tls.caFile());
    v.put(Settings.TLS_VERIFY_HTTPS_CLIENT, tls.verifyHttpsClient());
    v.put(Settings.LOG_LEVEL, logLevel);
    v.put(Settings.LOG_FORMAT, logFormat);
    v.put(Settings.PROMETHEUS, prometheus);
    v.put(Settings.JVM_METRICS, jvmMetrics);
    v.put(Settings.SHUTDOWN_TIMEOUT, shutdownTimeout);
    v.put(Settings.DRAIN_DELAY, drainDelay);
    v.put(Settings.GC_INTERVAL, gc.interval());
    v.put(Settings.GC_EVAL_THRESHOLD, gc.evalThreshold());
    v.put(Settings.GC_JOB_THRESHOLD, gc.jobThreshold());
    v.put(Settings.GC_DEPLOYMENT_THRESHOLD, gc.deploymentThreshold());
    v.put(Settings.SCHEDULER_ENABLED, scheduler.enabled());
    v.put(Settings.SCHEDULER_WORKERS, scheduler.workers());
    v.put(Settings.FLEET_TIME_SCALE, fleet.timeScale());
    v.put(Settings.FLEET_NODES, fleet.nodes());
    return v;
  }

  @SuppressWarnings("unchecked")
  private static <T> T get(Map<Setting<?>, Object> v, Setting<T> s) {
    return (T) v.get(s);
  }

  /** This configuration with one setting changed. */
  public <T> AgentConfig with(Setting<T> setting, T value) {
    Map<Setting<?>, Object> v = values();
    v.put(setting, value);
    return from(v, dev);
  }

  public int effectiveHttpInstances() {
    return httpInstances > 0 ? httpInstances : Runtime.getRuntime().availableProcessors();
  }

  /** The wait of a blocking query that names none, never above the cap: lowering the cap alone lowers both. */
  public Duration effectiveDefaultWait() {
    return defaultWait.compareTo(maxWait) > 0 ? maxWait : defaultWait;
  }

  public AgentConfig withBind(String addr, int port) {
    return with(Settings.BIND_ADDR, addr).with(Settings.HTTP_PORT, port);
  }

  public AgentConfig withDev(boolean newDev) {
    return from(values(), newDev);
  }

  public AgentConfig withMaxBodyBytes(long bytes) {
    return with(Settings.MAX_BODY_BYTES, bytes);
  }

  public AgentConfig withMaxWait(Duration wait) {
    return with(Settings.MAX_WAIT, wait);
  }

  public AgentConfig withAclEnabled(boolean enabled) {
    return with(Settings.ACL_ENABLED, enabled);
  }

  public AgentConfig withTls(TlsConfig t) {
    return with(Settings.TLS_ENABLED, t.enabled()).with(Settings.TLS_CERT_FILE, t.certFile())
        .with(Settings.TLS_KEY_FILE, t.keyFile()).with(Settings.TLS_CA_FILE, t.caFile())
        .with(Settings.TLS_VERIFY_HTTPS_CLIENT, t.verifyHttpsClient());
  }

  public AgentConfig withConnectionLimits(int perClient, List<String> trusted) {
    return with(Settings.MAX_CONNS_PER_CLIENT, perClient).with(Settings.TRUSTED_ADDRESSES, trusted);
  }

  public AgentConfig withScheduler(SchedulerConfig s) {
    return with(Settings.SCHEDULER_ENABLED, s.enabled()).with(Settings.SCHEDULER_WORKERS, s.workers());
  }

  public AgentConfig withFleet(FleetConfig f) {
    return with(Settings.FLEET_TIME_SCALE, f.timeScale()).with(Settings.FLEET_NODES, f.nodes());
  }

  /** The store and API alone: no scheduler, no nodes. Every index is then exactly Nomad's §6.1 sequence. */
  public AgentConfig withoutCluster() {
    return with(Settings.SCHEDULER_ENABLED, false).with(Settings.FLEET_NODES, List.of());
  }
}
