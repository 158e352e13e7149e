import io.jobgate.cli.Agent;
import io.jobgate.config.AgentConfig;
import io.jobgate.config.FleetConfig;
import io.jobgate.config.NodeGroupConfig;
import io.jobgate.logging.Logging;
import io.jobgate.state.StateSnapshot;
import io.jobgate.state.JobKey;
import io.jobgate.structs.Job;
import io.jobgate.structs.JobSummary;
import io.jobgate.structs.TaskGroupSummary;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Scheduler benchmark: an in-process agent with N simulated nodes; J service jobs of C allocations
 * each are registered over HTTP as fast as the API takes them. Reports placements per second
 * (first register to last allocation placed), the end-to-end time to the last allocation running,
 * and the process's resident memory. Run through bench/scheduler.sh.
 *
 * Usage: SchedulerBench <nodes> <jobs> <count-per-job>
 */
public final class SchedulerBench {

  public static void main(String[] args) throws Exception {
    int nodes = Integer.parseInt(args[0]);
    int jobs = Integer.parseInt(args[1]);
    int count = Integer.parseInt(args[2]);
    long total = (long) jobs * count;
    NodeGroupConfig group = new NodeGroupConfig("bench", nodes, "", "", 8000, 16384, 102_400, 150, 1000,
        NodeGroupConfig.ALL_DRIVERS, Map.of());
    AgentConfig config = AgentConfig.defaults().withDev(true).withBind("127.0.0.1", 0)
        .withFleet(new FleetConfig(1.0, List.of(group)));
    // One info line per state change would measure the logger, not the scheduler.
    Logging.configure("warn", AgentConfig.DEFAULT_LOG_FORMAT);
    long t0 = System.nanoTime();
    Agent agent = Agent.start(config).toCompletionStage().toCompletableFuture().get(300, TimeUnit.SECONDS);
    while (agent.store().snapshot().nodeCount() < nodes) {
      Thread.sleep(10);
    }
    System.gc();
    Thread.sleep(500);
    System.out.printf("fleet: %d nodes registered in %.2fs, RSS %d MB%n", nodes, (System.nanoTime() - t0) / 1e9,
        rssMb());
    if (jobs == 0) {
      agent.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      return;
    }
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
    String base = "http://127.0.0.1:" + agent.port();
    long start = System.nanoTime();
    List<CompletableFuture<HttpResponse<String>>> inflight = new ArrayList<>();
    for (int j = 0; j < jobs; j++) {
      HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/v1/jobs"))
          .PUT(HttpRequest.BodyPublishers.ofString(job("bench-" + j, count))).build();
      inflight.add(http.sendAsync(req, HttpResponse.BodyHandlers.ofString()));
      if (inflight.size() >= 32) {
        drain(inflight);
      }
    }
    drain(inflight);
    long registered = System.nanoTime();
    long placedAt = 0;
    long runningAt;
    while (true) {
      StateSnapshot s = agent.store().snapshot();
      long placed = s.allocCount();
      if (placedAt == 0 && placed >= total) {
        placedAt = System.nanoTime();
      }
      if (placed >= total && running(s) >= total) {
        runningAt = System.nanoTime();
        break;
      }
      if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(10)) {
        throw new IllegalStateException("gave up: " + placed + " placed");
      }
      Thread.sleep(20);
    }
    double placeSecs = (placedAt - start) / 1e9;
    System.out.printf("registered %d jobs in %.2fs%n", jobs, (registered - start) / 1e9);
    System.out.printf("placed %d allocations in %.2fs: %.0f placements/s%n", total, placeSecs, total / placeSecs);
    System.out.printf("end to end (first register to last alloc running): %.2fs%n", (runningAt - start) / 1e9);
    System.gc();
    Thread.sleep(500);
    System.out.printf("RSS with %d nodes and %d allocations: %d MB%n", nodes, total, rssMb());
    agent.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  /** Running allocations from the job summaries: cheap enough to poll without stealing a core. */
  private static long running(StateSnapshot s) {
    long n = 0;
    for (Job j : s.allJobs()) {
      JobSummary summary = s.jobSummary(new JobKey(j.namespace(), j.id()));
      for (TaskGroupSummary g : summary.summary().values()) {
        n += g.running();
      }
    }
    return n;
  }

  private static void drain(List<CompletableFuture<HttpResponse<String>>> inflight) throws Exception {
    for (CompletableFuture<HttpResponse<String>> f : inflight) {
      HttpResponse<String> r = f.get(60, TimeUnit.SECONDS);
      if (r.statusCode() != 200) {
        throw new IllegalStateException(r.body());
      }
    }
    inflight.clear();
  }

  private static String job(String id, int count) {
    return """
        {"Job": {"ID": "%s", "Datacenters": ["dc1"],
          "TaskGroups": [{"Name": "g", "Count": %d, "Tasks": [{"Name": "t", "Driver": "exec",
            "Config": {"command": "/bin/sleep"}, "Resources": {"CPU": 100, "MemoryMB": 64}}]}]}}"""
        .formatted(id, count);
  }

  private static long rssMb() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    return -1;
  }
}
