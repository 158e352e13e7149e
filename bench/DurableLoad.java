import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Durable-write load: CLIENTS threads, each sending one write at a time and waiting for its reply,
 * for SECONDS. Prints writes/s and latency percentiles (bench/durability.sh warms both servers first). Targets:
 * {@code jobgate URL} registers jobs ({@code PUT /v1/jobs}); {@code etcd URL} PUTs v2 keys whose
 * value is the same job JSON, so both take requests of the same size.
 *
 * Run: bench/durability.sh (java bench/DurableLoad.java jobgate|etcd URL [seconds] [clients])
 */
public final class DurableLoad {

  public static void main(String[] args) throws Exception {
    String target = args[0];
    String base = args[1];
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    int clients = args.length > 3 ? Integer.parseInt(args[3]) : 16;
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    long[] latencies = run(http, target, base, seconds, clients, "run");
    Arrays.sort(latencies);
    // One line, "RESULT target writes/s p50 p99", for bench/durability.sh to take medians of.
    System.out.printf("RESULT %s %.0f %.2f %.2f%n", target, latencies.length / (double) seconds, pct(latencies, 50),
        pct(latencies, 99));
  }

  private static double pct(long[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1)] / 1e6;
  }

  static String job(String id) {
    return """
        {"Job": {"ID": "%s", "Name": "%s", "Datacenters": ["dc1"],
          "TaskGroups": [{"Name": "cache", "Count": 1,
            "Tasks": [{"Name": "redis", "Driver": "docker", "Config": {"image": "redis:3.2"},
              "Resources": {"CPU": 500, "MemoryMB": 256,
                "Networks": [{"MBits": 10, "DynamicPorts": [{"Label": "db", "Value": 0}]}]}}]}]}}"""
        .formatted(id, id);
  }

  private static long[] run(HttpClient http, String target, String base, int seconds, int clients, String phase)
      throws Exception {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    List<long[]> perClient = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int client = c;
      long[][] slot = {new long[1 << 16]};
      int[] n = {0};
      Thread t = new Thread(() -> {
        for (int i = 0; System.nanoTime() < deadline; i++) {
          String id = phase + "-" + client + "-" + i;
          String body = job(id);
          HttpRequest req = target.equals("etcd")
              ? HttpRequest.newBuilder(URI.create(base + "/v2/keys/jobs/" + id))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .PUT(HttpRequest.BodyPublishers.ofString("value=" + java.net.URLEncoder.encode(body,
                      java.nio.charset.StandardCharsets.UTF_8))).build()
              : HttpRequest.newBuilder(URI.create(base + "/v1/jobs")).PUT(HttpRequest.BodyPublishers.ofString(body))
                  .build();
          long t0 = System.nanoTime();
          try {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
              throw new IllegalStateException(r.statusCode() + " " + r.body());
            }
          } catch (Exception e) {
            throw new RuntimeException(e);
          }
          if (n[0] == slot[0].length) {
            slot[0] = Arrays.copyOf(slot[0], n[0] * 2);
          }
          slot[0][n[0]++] = System.nanoTime() - t0;
        }
        synchronized (perClient) {
          perClient.add(Arrays.copyOf(slot[0], n[0]));
        }
      });
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    return perClient.stream().flatMapToLong(Arrays::stream).toArray();
  }
}
