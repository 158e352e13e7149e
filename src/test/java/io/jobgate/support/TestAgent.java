package io.jobgate.support;

import io.jobgate.cli.Agent;
import io.jobgate.config.AgentConfig;
import io.jobgate.config.Settings;
import io.jobgate.config.FleetConfig;
import io.jobgate.logging.Logging;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A real agent on a free loopback port, plus a plain HTTP client for raw requests. */
public final class TestAgent implements AutoCloseable {

  /** Agents in tests log warnings and errors only, so a test run's output shows what went wrong. */
  public static final String LOG_LEVEL = "warn";

  static {
    Logging.configure(LOG_LEVEL, AgentConfig.DEFAULT_LOG_FORMAT);
  }

  public final Agent agent;
  public final String base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private TestAgent(Agent agent) {
    this.agent = agent;
    this.base = "http://127.0.0.1:" + agent.port();
  }

  public static TestAgent start() {
    return start(AgentConfig.defaults());
  }

  /**
   * The store and API alone: no scheduler, no nodes, so every index is exactly the one Nomad's
   * state store would assign to the requests a test makes.
   */
  public static TestAgent start(AgentConfig config) {
    return launch(config.withoutCluster().withDev(true));
  }

  /** An agent that keeps its state in {@code dataDir}, as {@code jobgate agent -data-dir} does. */
  public static TestAgent startDurable(Path dataDir) {
    return launch(AgentConfig.defaults().withoutCluster().with(Settings.DATA_DIR, dataDir.toString())
        .withDev(false));
  }

  /** A whole simulated cluster, scheduler and default fleet, keeping its state in {@code dataDir}. */
  public static TestAgent startDurableCluster(Path dataDir) {
    return launch(AgentConfig.defaults().with(Settings.DATA_DIR, dataDir.toString()).withDev(false));
  }

  /** A whole simulated cluster: scheduler and the default three-node fleet, time running at {@code scale}. */
  public static TestAgent startCluster(double scale) {
    AgentConfig d = AgentConfig.defaults();
    return startCluster(d.withFleet(new FleetConfig(scale, d.fleet().nodes())));
  }

  /** Runs {@code config} in memory as given, scheduler and fleet included. */
  public static TestAgent startCluster(AgentConfig config) {
    return launch(config.withDev(true));
  }

  private static TestAgent launch(AgentConfig config) {
    try {
      Agent agent = Agent.start(config.withBind("127.0.0.1", freePort()))
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      return new TestAgent(agent);
    } catch (Exception e) {
      throw new IllegalStateException("agent did not start", e);
    }
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  public HttpResponse<String> put(String path, String body) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  public HttpResponse<String> post(String path, String body) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  public HttpResponse<String> delete(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
  }

  public HttpResponse<String> send(HttpRequest.Builder b) {
    try {
      return http.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  public HttpClient http() {
    return http;
  }

  public long index(HttpResponse<?> r) {
    return Long.parseLong(r.headers().firstValue("X-Nomad-Index").orElseThrow());
  }

  @Override
  public void close() {
    try {
      agent.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
