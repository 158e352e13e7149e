import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;

/**
 * Long-poll fan-out loader: parks K HTTP/1.1 requests on a server, fires one write, and reports
 * how long until every parked request has its whole response. One thread, non-blocking sockets,
 * source addresses spread over 127.0.0.2-.9 so ephemeral ports are never the limit.
 *
 * <p>Usage: java FanoutLoader.java MODE PORT K [PID]
 *   MODE jobgate: parks GET /v1/jobs?index=N&wait=300s, writes PUT /v1/jobs
 *   MODE etcd:    parks GET /v2/keys/fanout?wait=true&waitIndex=N, writes PUT /v2/keys/fanout
 * PID (optional): the server's process id, to report its RSS growth per parked request.
 * Prints one line: mode k p50_ms p99_ms max_ms rss_per_parked_kb errors
 */
public class FanoutLoader {

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    int port = Integer.parseInt(args[1]);
    int k = Integer.parseInt(args[2]);
    long pid = args.length > 3 ? Long.parseLong(args[3]) : -1;
    HttpClient http = HttpClient.newHttpClient();
    String base = "http://127.0.0.1:" + port;

    long index = currentIndex(http, mode, base);
    String path = mode.equals("jobgate")
        ? "/v1/jobs?index=" + index + "&wait=300s"
        : "/v2/keys/fanout?wait=true&waitIndex=" + (index + 1);
    byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    long heapBefore = liveHeapBytes(http, mode, base, pid);
    long rssBefore = rssKb(pid);
    Selector selector = Selector.open();
    Conn[] conns = new Conn[k];
    for (int i = 0; i < k; i++) {
      SocketChannel ch = SocketChannel.open();
      ch.configureBlocking(false);
      ch.bind(new InetSocketAddress("127.0.0." + (2 + i % 8), 0));
      ch.connect(new InetSocketAddress("127.0.0.1", port));
      conns[i] = new Conn(ch);
      ch.register(selector, SelectionKey.OP_CONNECT, conns[i]);
    }
    int sent = 0;
    ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024);
    long deadline = System.currentTimeMillis() + 60_000;
    while (sent < k && System.currentTimeMillis() < deadline) {
      selector.select(100);
      for (Iterator<SelectionKey> it = selector.selectedKeys().iterator(); it.hasNext(); ) {
        SelectionKey key = it.next();
        it.remove();
        Conn c = (Conn) key.attachment();
        if (key.isConnectable() && c.ch.finishConnect()) {
          c.ch.write(ByteBuffer.wrap(request));
          key.interestOps(SelectionKey.OP_READ);
          sent++;
        } else if (key.isReadable()) {
          read(c, buf, key);
        }
      }
    }
    if (mode.equals("jobgate")) {
      waitParked(http, base, k);
    } else {
      Thread.sleep(Math.max(2000, k / 5));
    }
    long rssParked = rssKb(pid);
    long heapParked = liveHeapBytes(http, mode, base, pid);
    int early = 0;
    for (Conn c : conns) {
      if (c.doneNanos != 0) {
        early++;
      }
    }

    long hold = Long.getLong("hold.ms", 0);
    if (hold > 0) {
      System.err.println("parked " + k + ", holding " + hold + " ms");
      Thread.sleep(hold);
    }
    long fired = System.nanoTime();
    Thread writer = new Thread(() -> write(http, mode, base));
    writer.start();
    int done = 0;
    for (Conn c : conns) {
      if (c.doneNanos != 0 || c.failed) {
        done++;
      }
    }
    deadline = System.currentTimeMillis() + 60_000;
    while (done < k && System.currentTimeMillis() < deadline) {
      selector.select(100);
      for (Iterator<SelectionKey> it = selector.selectedKeys().iterator(); it.hasNext(); ) {
        SelectionKey key = it.next();
        it.remove();
        Conn c = (Conn) key.attachment();
        if (key.isReadable() && read(c, buf, key)) {
          done++;
        }
      }
    }
    writer.join();
    long[] ms = new long[k];
    int errors = early;
    int n = 0;
    for (Conn c : conns) {
      if (c.doneNanos == 0 || c.failed || c.doneNanos < fired) {
        errors++;
      } else {
        ms[n++] = c.doneNanos - fired;
      }
      c.ch.close();
    }
    long[] lat = Arrays.copyOf(ms, n);
    Arrays.sort(lat);
    double perParked = pid > 0 ? (double) (rssParked - rssBefore) / k : -1;
    double heapPerParked = heapBefore >= 0 ? (heapParked - heapBefore) / 1024.0 / k : -1;
    System.out.printf("%s k=%d p50_ms=%.1f p99_ms=%.1f max_ms=%.1f rss_per_parked_kb=%.1f heap_per_parked_kb=%.1f"
        + " errors=%d%n", mode, k, pct(lat, 50), pct(lat, 99), n == 0 ? -1 : lat[n - 1] / 1e6, perParked,
        heapPerParked, errors);
  }

  static final class Conn {
    final SocketChannel ch;
    final StringBuilder head = new StringBuilder();
    long bodyLeft = -1;
    boolean chunked;
    long doneNanos;
    boolean failed;

    Conn(SocketChannel ch) {
      this.ch = ch;
    }
  }

  /** Reads what is there; true when this read completed the response. */
  static boolean read(Conn c, ByteBuffer buf, SelectionKey key) throws IOException {
    buf.clear();
    int r;
    try {
      r = c.ch.read(buf);
    } catch (IOException e) {
      r = -1;
    }
    if (r < 0) {
      key.cancel();
      if (c.doneNanos == 0 && !c.failed) {
        c.failed = true;
        return true;
      }
      return false;
    }
    buf.flip();
    while (buf.hasRemaining() && c.doneNanos == 0) {
      if (c.bodyLeft < 0) {
        c.head.append((char) buf.get());
        int len = c.head.length();
        if (len >= 4 && c.head.charAt(len - 1) == '\n' && c.head.charAt(len - 2) == '\r'
            && c.head.charAt(len - 3) == '\n' && c.head.charAt(len - 4) == '\r') {
          String h = c.head.toString().toLowerCase();
          int cl = h.indexOf("content-length:");
          if (cl >= 0) {
            c.bodyLeft = Long.parseLong(h.substring(cl + 15, h.indexOf('\r', cl)).trim());
          } else {
            c.chunked = true;
            c.bodyLeft = Long.MAX_VALUE;
          }
          if (c.bodyLeft == 0) {
            c.doneNanos = System.nanoTime();
          }
        }
      } else if (c.chunked) {
        c.head.append((char) buf.get());
        if (c.head.toString().endsWith("\r\n0\r\n\r\n")) {
          c.doneNanos = System.nanoTime();
        }
      } else {
        int take = (int) Math.min(buf.remaining(), c.bodyLeft);
        buf.position(buf.position() + take);
        c.bodyLeft -= take;
        if (c.bodyLeft == 0) {
          c.doneNanos = System.nanoTime();
        }
      }
    }
    return c.doneNanos != 0;
  }

  static double pct(long[] sorted, int p) {
    if (sorted.length == 0) {
      return -1;
    }
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
  }

  static long currentIndex(HttpClient http, String mode, String base) throws Exception {
    if (mode.equals("jobgate")) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/jobs")).build(),
          HttpResponse.BodyHandlers.ofString());
      return Long.parseLong(r.headers().firstValue("X-Nomad-Index").orElseThrow());
    }
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/v2/keys/fanout"))
        .PUT(HttpRequest.BodyPublishers.ofString("value=init"))
        .header("Content-Type", "application/x-www-form-urlencoded").build(), HttpResponse.BodyHandlers.ofString());
    return Long.parseLong(r.headers().firstValue("X-Etcd-Index").orElseThrow());
  }

  static void write(HttpClient http, String mode, String base) {
    try {
      if (mode.equals("jobgate")) {
        String id = "fanout-" + System.nanoTime();
        String body = "{\"Job\":{\"ID\":\"" + id + "\",\"Datacenters\":[\"dc1\"],\"TaskGroups\":[{\"Name\":\"g\","
            + "\"Tasks\":[{\"Name\":\"t\",\"Driver\":\"exec\",\"Config\":{\"command\":\"/bin/true\"}}]}]}}";
        http.send(HttpRequest.newBuilder(URI.create(base + "/v1/jobs")).PUT(HttpRequest.BodyPublishers.ofString(body))
            .build(), HttpResponse.BodyHandlers.discarding());
      } else {
        http.send(HttpRequest.newBuilder(URI.create(base + "/v2/keys/fanout"))
            .PUT(HttpRequest.BodyPublishers.ofString("value=" + System.nanoTime()))
            .header("Content-Type", "application/x-www-form-urlencoded").build(), HttpResponse.BodyHandlers.discarding());
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static void waitParked(HttpClient http, String base, int k) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString());
      double parked = 0;
      for (String line : r.body().split("\n")) {
        if (line.startsWith("jobgate_blocking_queries{")) {
          parked += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
      if (parked >= k) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("requests did not all park");
  }

  /**
   * Live heap after a full GC: the total of {@code jcmd PID GC.class_histogram}, which collects
   * first. -1 for peers that are not JVMs.
   */
  static long liveHeapBytes(HttpClient http, String mode, String base, long pid) throws Exception {
    if (!mode.equals("jobgate") || pid <= 0) {
      return -1;
    }
    Process p = new ProcessBuilder("jcmd", Long.toString(pid), "GC.class_histogram").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    for (String line : out.split("\n")) {
      if (line.startsWith("Total")) {
        String[] f = line.trim().split("\\s+");
        return Long.parseLong(f[2]);
      }
    }
    return -1;
  }

  static long rssKb(long pid) throws IOException {
    if (pid <= 0) {
      return 0;
    }
    for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return 0;
  }
}
