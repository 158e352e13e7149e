package io.jobgate.config;

import static io.jobgate.config.AgentConfig.*;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every setting the agent reads, in the order {@code conf/jobgate.yaml} and the README list them.
 * The file, the {@code JOBGATE_*} environment, the flags, the README table and its test all go
 * through this list: a new setting is one constant here, its {@code DEFAULT_*} and record
 * component in {@link AgentConfig}, a line in the file and a row in the README.
 */
public final class Settings {

  public static final Setting<String> BIND_ADDR = new Setting<>("bind_addr", DEFAULT_BIND_ADDR,
      ValueType.text());
  public static final Setting<Integer> HTTP_PORT = new Setting<>("http_port", DEFAULT_HTTP_PORT,
      ValueType.integer(0, 65535));
  public static final Setting<String> REGION = new Setting<>("region", DEFAULT_REGION,
      ValueType.text());
  public static final Setting<String> DATACENTER = new Setting<>("datacenter", DEFAULT_DATACENTER,
      ValueType.text());
  public static final Setting<String> DATA_DIR = new Setting<>("data_dir", DEFAULT_DATA_DIR,
      ValueType.text());
  public static final Setting<Integer> HTTP_INSTANCES = new Setting<>("http_instances", DEFAULT_HTTP_INSTANCES,
      ValueType.integer(0, 256));

  public static final Setting<Duration> MAX_WAIT = new Setting<>("blocking.max_wait", DEFAULT_MAX_WAIT,
      ValueType.duration(false));
  public static final Setting<Duration> DEFAULT_WAIT = new Setting<>("blocking.default_wait",
      AgentConfig.DEFAULT_WAIT, ValueType.duration(false));
  public static final Setting<Integer> JITTER_FRACTION = new Setting<>("blocking.jitter_fraction",
      DEFAULT_JITTER_FRACTION, ValueType.integer(0, 1_000_000));
  public static final Setting<Duration> SWEEP_INTERVAL = new Setting<>("blocking.sweep_interval",
      DEFAULT_SWEEP_INTERVAL, ValueType.duration(false));

  public static final Setting<Long> MAX_BODY_BYTES = new Setting<>("limits.max_body_bytes", DEFAULT_MAX_BODY_BYTES,
      ValueType.whole(1024, Long.MAX_VALUE));
  public static final Setting<Integer> MAX_CONNECTIONS = new Setting<>("limits.max_connections",
      DEFAULT_MAX_CONNECTIONS, ValueType.integer(0, Integer.MAX_VALUE));
  public static final Setting<Integer> MAX_CONNS_PER_CLIENT = new Setting<>("limits.http_max_conns_per_client",
      DEFAULT_MAX_CONNS_PER_CLIENT, ValueType.integer(0, Integer.MAX_VALUE));

  public static final Setting<List<String>> TRUSTED_ADDRESSES = new Setting<>("limits.trusted_addresses",
      DEFAULT_TRUSTED_ADDRESSES, ValueType.addresses());

  public static final Setting<Boolean> ACL_ENABLED = new Setting<>("acl.enabled", DEFAULT_ACL_ENABLED,
      ValueType.bool());

  public static final Setting<Boolean> TLS_ENABLED = new Setting<>("tls.enabled", false, ValueType.bool());
  public static final Setting<String> TLS_CERT_FILE = new Setting<>("tls.cert_file", "", ValueType.path());
  public static final Setting<String> TLS_KEY_FILE = new Setting<>("tls.key_file", "", ValueType.path());
  public static final Setting<String> TLS_CA_FILE = new Setting<>("tls.ca_file", "", ValueType.path());
  public static final Setting<Boolean> TLS_VERIFY_HTTPS_CLIENT = new Setting<>("tls.verify_https_client", false,
      ValueType.bool());

  public static final Setting<String> LOG_LEVEL = new Setting<>("log.level", DEFAULT_LOG_LEVEL,
      ValueType.oneOf(LOG_LEVELS));
  public static final Setting<String> LOG_FORMAT = new Setting<>("log.format", DEFAULT_LOG_FORMAT,
      ValueType.oneOf(LOG_FORMATS));

  public static final Setting<Boolean> PROMETHEUS = new Setting<>("metrics.prometheus", DEFAULT_PROMETHEUS,
      ValueType.bool());
  public static final Setting<Boolean> JVM_METRICS = new Setting<>("metrics.jvm", DEFAULT_JVM_METRICS,
      ValueType.bool());

  public static final Setting<Duration> SHUTDOWN_TIMEOUT = new Setting<>("shutdown.timeout",
      DEFAULT_SHUTDOWN_TIMEOUT, ValueType.duration(false));
  public static final Setting<Duration> DRAIN_DELAY = new Setting<>("shutdown.drain_delay",
      DEFAULT_DRAIN_DELAY, ValueType.duration(true));

  public static final Setting<Duration> GC_INTERVAL = new Setting<>("gc.interval", GcConfig.DEFAULT_INTERVAL,
      ValueType.duration(false));
  public static final Setting<Duration> GC_EVAL_THRESHOLD = new Setting<>("gc.eval_threshold",
      GcConfig.DEFAULT_EVAL_THRESHOLD, ValueType.duration(false));
  public static final Setting<Duration> GC_JOB_THRESHOLD = new Setting<>("gc.job_threshold",
      GcConfig.DEFAULT_JOB_THRESHOLD, ValueType.duration(false));
  public static final Setting<Duration> GC_DEPLOYMENT_THRESHOLD = new Setting<>("gc.deployment_threshold",
      GcConfig.DEFAULT_DEPLOYMENT_THRESHOLD, ValueType.duration(false));

  public static final Setting<Boolean> SCHEDULER_ENABLED = new Setting<>("scheduler.enabled",
      SchedulerConfig.DEFAULT_ENABLED, ValueType.bool());
  public static final Setting<Integer> SCHEDULER_WORKERS = new Setting<>("scheduler.workers",
      SchedulerConfig.DEFAULT_WORKERS, ValueType.integer(0, 64));

  public static final Setting<Double> FLEET_TIME_SCALE = new Setting<>("fleet.time_scale",
      FleetConfig.DEFAULT_TIME_SCALE, ValueType.positiveNumber());
  public static final Setting<List<NodeGroupConfig>> FLEET_NODES = new Setting<>("fleet.nodes",
      FleetConfig.DEFAULT_NODES, ValueType.nodeGroups());

  public static final List<Setting<?>> ALL = List.of(BIND_ADDR, HTTP_PORT, REGION, DATACENTER, DATA_DIR,
      HTTP_INSTANCES, MAX_WAIT, DEFAULT_WAIT, JITTER_FRACTION, SWEEP_INTERVAL, MAX_BODY_BYTES, MAX_CONNECTIONS,
      MAX_CONNS_PER_CLIENT, TRUSTED_ADDRESSES, ACL_ENABLED, TLS_ENABLED, TLS_CERT_FILE, TLS_KEY_FILE, TLS_CA_FILE,
      TLS_VERIFY_HTTPS_CLIENT, LOG_LEVEL, LOG_FORMAT, PROMETHEUS, JVM_METRICS, SHUTDOWN_TIMEOUT, DRAIN_DELAY,
      GC_INTERVAL, GC_EVAL_THRESHOLD, GC_JOB_THRESHOLD, GC_DEPLOYMENT_THRESHOLD,
      SCHEDULER_ENABLED, SCHEDULER_WORKERS, FLEET_TIME_SCALE, FLEET_NODES);

  static final Map<String, Setting<?>> BY_KEY = ALL.stream()
      .collect(Collectors.toUnmodifiableMap(Setting::key, Function.identity()));

  static final Map<String, Setting<?>> BY_ENV = ALL.stream()
      .collect(Collectors.toUnmodifiableMap(Setting::envName, Function.identity()));

  private Settings() {
  }
}
