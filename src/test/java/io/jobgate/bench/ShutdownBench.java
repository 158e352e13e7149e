package io.jobgate.bench;

import io.jobgate.support.AgentProcess;
import io.jobgate.support.Jobs;
import io.jobgate.support.ParkedClients;
import io.jobgate.support.Scrape;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SIGTERM with a crowd of parked watchers: starts the agent jar in a child JVM, parks {@code N}
 * blocking queries on it from raw sockets spread over 127.0.0.2 and up, sends SIGTERM, and
 * reports how long until every watcher had its answer and the process had exited, how many saw a
 * reset, and the agent's resident memory per parked query, after {@code --warmup} rounds of
 * parking and waking (default 3). Run by {@code bench/shutdown.sh}.
 * Exits 1 when any watcher went unanswered or was reset, the exit status was not 0, or the whole
 * stop took 5 s or more.
 */
public final class ShutdownBench {

  private ShutdownBench() {
  }

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(arg(args, "--jar", "target/jobgate.jar"));
    int n = Integer.parseInt(arg(args, "--parked", "19500"));
    int sources = Integer.parseInt(arg(args, "--sources", "8"));
    Path out = Path.of(arg(args, "--out", "bench/out"));
    List<String> jvm = List.of(arg(args, "--agent-jvm", "-Xmx512m").split(" "));
    int warmups = Integer.parseInt(arg(args, "--warmup", "3"));
    Files.createDirectories(out);

    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<InetAddress> locals = new ArrayList<>();
    for (int i = 0; i < sources; i++) {
      locals.add(InetAddress.getByName("127.0.0." + (2 + i)));
    }
    try (AgentProcess agent = AgentProcess.start(jvm, List.of("-jar", jar.toString()), port,
        Map.of(), out.resolve("shutdown-agent.log"), Duration.ofSeconds(60))) {
      put(port, Jobs.example("bench-shutdown"));
      long idleKb = agent.residentKb();
      warmUp(agent, port, warmups, locals);
      long index = agent.index("/v1/jobs");
      System.out.printf("agent pid %d on port %d, RSS idle %d MB; parking %d watchers from %d source addresses%n",
          agent.pid(), port, idleKb / 1024, n, sources);
      long parkStart = System.nanoTime();
      try (ParkedClients clients = ParkedClients.open(new InetSocketAddress("127.0.0.1", port),
          "/v1/jobs?index=" + index + "&wait=5m", n, locals)) {
        clients.awaitSent(Duration.ofMinutes(3));
        double parked = awaitParked(agent, n, Duration.ofMinutes(2));
        long parkedKb = agent.residentKb();
        System.out.printf("parked %.0f in %.1f s; RSS %d MB, %.1f KB per parked query%n", parked,
            (System.nanoTime() - parkStart) / 1e9, parkedKb / 1024, (parkedKb - idleKb) / Math.max(1.0, parked));

        long t0 = System.nanoTime();
        agent.terminate();
        clients.awaitAnswers(Duration.ofSeconds(30));
        int exit = agent.awaitExit(Duration.ofSeconds(30));
        long exitNanos = System.nanoTime() - t0;
        clients.awaitClosed(Duration.ofSeconds(10));
        ParkedClients.Summary s = clients.summary();
        double lastAnswerS = s.lastAnswerNanos() == 0 ? Double.NaN : (s.lastAnswerNanos() - t0) / 1e9;
        System.out.printf("SIGTERM -> last answer %.2f s, -> process exit %.2f s (status %d)%n", lastAnswerS,
            exitNanos / 1e9, exit);
        System.out.printf("watchers %d: answered 200 with index %d, unanswered %d, resets %d, other errors %d, "
            + "Connection: close %d, closed by the agent %d%n", s.clients(), s.status200WithIndex(), s.unanswered(),
            s.resets(), s.otherErrors(), s.withConnectionClose(), s.closedByServer());
        boolean ok = s.status200WithIndex() == n && s.resets() == 0 && s.otherErrors() == 0 && exit == 0
            && exitNanos < 5_000_000_000L;
        System.out.println(ok ? "PASS" : "FAIL");
        List<String> log = agent.output().lines().toList();
        log.subList(Math.max(0, log.size() - 3), log.size()).forEach(l -> System.out.println("  agent: " + l));
        System.exit(ok ? 0 : 1);
      }
    }
  }

  /**
   * An agent that has been serving has run its answer path many times; one just started has not,
   * and its first thousands of answers run in the interpreter while the JIT catches up. Each round
   * parks 2,000 watchers and wakes them with a write, so the measured stop is that of a warm agent
   * ({@code --warmup 0} measures a cold one).
   */
  private static void warmUp(AgentProcess agent, int port, int rounds, List<InetAddress> locals) throws Exception {
    for (int i = 0; i < rounds; i++) {
      long index = agent.index("/v1/jobs");
      try (ParkedClients clients = ParkedClients.open(new InetSocketAddress("127.0.0.1", port),
          "/v1/jobs?index=" + index + "&wait=1m", 2000, locals)) {
        clients.awaitSent(Duration.ofMinutes(1));
        awaitParked(agent, 2000, Duration.ofMinutes(1));
        put(port, Jobs.example("bench-warmup-" + i));
        clients.awaitAnswers(Duration.ofMinutes(1));
      }
      while (Scrape.parse(agent.get("/metrics")).value("jobgate_http_connections") > 1) {
        Thread.sleep(100);
      }
    }
  }

  private static double awaitParked(AgentProcess agent, int n, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    double parked = 0;
    while (System.nanoTime() < deadline) {
      parked = Scrape.parse(agent.get("/metrics")).sum("jobgate_blocking_queries");
      if (parked >= n) {
        break;
      }
      Thread.sleep(250);
    }
    return parked;
  }

  private static void put(int port, String body) throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/v1/jobs").toURL()
        .openConnection();
    c.setRequestMethod("PUT");
    c.setDoOutput(true);
    c.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    if (c.getResponseCode() != 200) {
      throw new IllegalStateException("register failed: " + c.getResponseCode());
    }
    c.disconnect();
  }

  private static String arg(String[] args, String name, String dflt) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return dflt;
  }
}
