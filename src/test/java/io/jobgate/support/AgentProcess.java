package io.jobgate.support;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A jobgate agent in a child JVM, for what only a real process shows: signals, exit status,
 * resident memory. Its output goes to a log file the caller chooses.
 */
public final class AgentProcess implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Path log;

  private AgentProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts {@code java [jvmArgs] <launch...> agent -dev} on {@code port} with extra environment,
   * and waits until it answers {@code /v1/agent/health}. {@code launch} is e.g.
   * {@code -cp <classpath> io.jobgate.cli.Main} or {@code -jar target/jobgate.jar}.
   */
  public static AgentProcess start(List<String> jvmArgs, List<String> launch, int port, Map<String, String> env,
      Path log, Duration startTimeout) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmArgs);
    cmd.addAll(launch);
    cmd.addAll(List.of("agent", "-dev", "-http-port", Integer.toString(port)));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    AgentProcess agent = new AgentProcess(pb.start(), port, log);
    long deadline = System.nanoTime() + startTimeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!agent.process.isAlive()) {
        throw new IllegalStateException("agent exited with " + agent.process.exitValue() + ": " + agent.output());
      }
      if (agent.status("/v1/agent/health") == 200) {
        return agent;
      }
      Thread.sleep(50);
    }
    agent.process.destroyForcibly();
    throw new IllegalStateException("agent did not answer within " + startTimeout + ": " + agent.output());
  }

  /** The test JVM's own classpath: the child runs exactly the code under test. */
  public static List<String> classpathLaunch() {
    return List.of("-cp", System.getProperty("java.class.path"), "io.jobgate.cli.Main");
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  /** The status of {@code GET path}, or -1 when nothing answers (connection refused or reset). */
  public int status(String path) {
    try {
      HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL()
          .openConnection();
      c.setConnectTimeout(1000);
      c.setReadTimeout(2000);
      try {
        return c.getResponseCode();
      } finally {
        c.disconnect();
      }
    } catch (IOException e) {
      return -1;
    }
  }

  /** The response body of {@code GET path}. */
  public String get(String path) throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
    c.setConnectTimeout(1000);
    c.setReadTimeout(10_000);
    try (var in = c.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } finally {
      c.disconnect();
    }
  }

  /** The {@code X-Nomad-Index} of {@code GET path}. */
  public long index(String path) throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
    try {
      c.getResponseCode();
      return Long.parseLong(c.getHeaderField("X-Nomad-Index"));
    } finally {
      c.disconnect();
    }
  }

  /** Sends SIGTERM, as Kubernetes and {@code kill} do. */
  public void terminate() {
    process.destroy();
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** Waits for the exit and returns its status, or throws if it takes longer than {@code timeout}. */
  public int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("agent still running after " + timeout);
    }
    return process.exitValue();
  }

  /** Resident memory from {@code /proc/<pid>/status}, in kB; -1 where it cannot be read. */
  public long residentKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  public String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
