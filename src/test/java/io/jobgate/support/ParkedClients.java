package io.jobgate.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Many raw HTTP/1.1 clients, one blocking GET each, driven by one selector thread: what a crowd of
 * Nomad watchers looks like to the agent. Unlike a pooled client it never retries and never hides
 * a failure, so a connection reset is seen and counted. Used by the shutdown tests and by
 * {@code bench/shutdown.sh} (up to the machine's file-descriptor limit).
 */
public final class ParkedClients implements AutoCloseable {

  /** At most this many connects in flight, so the server's accept backlog never overflows. */
  private static final int CONNECT_WINDOW = 256;

  /** What happened to one client's request. */
  public static final class Client {
    final InetAddress local;
    SocketChannel channel;
    final ByteBuffer request;
    final StringBuilder head = new StringBuilder();
    int bodyRemaining = -1;
    volatile int status;
    volatile long index = -1;
    volatile boolean connectionClose;
    volatile long answeredNanos;
    volatile boolean closedByServer;
    volatile String error;

    Client(InetAddress local, ByteBuffer request) {
      this.local = local;
      this.request = request;
    }

    public long index() {
      return index;
    }

    public boolean answered() {
      return answeredNanos != 0;
    }

    boolean done() {
      return error != null || closedByServer || (answered() && !open());
    }

    boolean open() {
      return channel != null && channel.isOpen();
    }
  }

  /** Counts over every client. */
  public record Summary(int clients, int answered, int status200WithIndex, int resets, int otherErrors,
      int unanswered, int closedByServer, int withConnectionClose, long lastAnswerNanos) {
  }

  private final InetSocketAddress server;
  private final List<Client> clients = new ArrayList<>();
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final CountDownLatch allSent;
  /** The selector thread's one read buffer: answers are consumed as they arrive, never kept. */
  private final ByteBuffer readBuffer = ByteBuffer.allocate(64 * 1024);
  private final Selector selector;
  private final Thread loop;
  private volatile boolean stopping;
  private int connecting;
  private int next;

  private ParkedClients(InetSocketAddress server, String pathAndQuery, int n, List<InetAddress> locals)
      throws IOException {
    this.server = server;
    this.selector = Selector.open();
    this.allSent = new CountDownLatch(n);
    byte[] req = ("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + server.getHostString() + ":" + server.getPort()
        + "\r\nUser-Agent: jobgate-parked-clients\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < n; i++) {
      clients.add(new Client(locals.isEmpty() ? null : locals.get(i % locals.size()), ByteBuffer.wrap(req)));
    }
    loop = new Thread(this::run, "parked-clients");
    loop.setDaemon(true);
    loop.start();
  }

  /**
   * Opens {@code n} connections to {@code server}, each sending {@code GET pathAndQuery}. Client
   * sockets bind round-robin to {@code locals} (e.g. 127.0.0.2 … 127.0.0.9) when given, so a
   * large crowd does not run out of ephemeral ports.
   */
  public static ParkedClients open(InetSocketAddress server, String pathAndQuery, int n, List<InetAddress> locals)
      throws IOException {
    return new ParkedClients(server, pathAndQuery, n, locals);
  }

  public static ParkedClients open(int port, String pathAndQuery, int n) throws IOException {
    return open(new InetSocketAddress("127.0.0.1", port), pathAndQuery, n, List.of());
  }

  /** Waits until every request has been written (not necessarily parked yet). */
  public boolean awaitSent(Duration timeout) throws InterruptedException {
    return allSent.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Waits until every client has its answer or failed. */
  public boolean awaitAnswers(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (clients.stream().allMatch(c -> c.answered() || c.error != null)) {
        return true;
      }
      Thread.sleep(5);
    }
    return false;
  }

  /** Waits until every client's connection is over: answered and closed, or failed. */
  public boolean awaitClosed(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (clients.stream().allMatch(Client::done)) {
        return true;
      }
      Thread.sleep(5);
    }
    return false;
  }

  public List<Client> clients() {
    return clients;
  }

  public Summary summary() {
    int answered = 0;
    int ok = 0;
    int resets = 0;
    int other = 0;
    int closed = 0;
    int connClose = 0;
    long last = 0;
    for (Client c : clients) {
      if (c.answered()) {
        answered++;
        last = Math.max(last, c.answeredNanos);
        if (c.status == 200 && c.index > 0) {
          ok++;
        }
        if (c.connectionClose) {
          connClose++;
        }
      }
      if (c.closedByServer) {
        closed++;
      }
      if (c.error != null) {
        if (c.error.toLowerCase(Locale.ROOT).contains("reset")) {
          resets++;
        } else {
          other++;
        }
      }
    }
    return new Summary(clients.size(), answered, ok, resets, other, clients.size() - answered, closed, connClose,
        last);
  }

  /** Hangs every client up, as watchers that give up do. */
  public void hangUp() {
    tasks.add(() -> {
      for (Client c : clients) {
        if (c.open()) {
          closeQuietly(c.channel);
        }
      }
    });
    selector.wakeup();
  }

  @Override
  public void close() throws InterruptedException {
    stopping = true;
    hangUp();
    loop.join(5000);
  }

  private void run() {
    try {
      while (!stopping || !tasks.isEmpty()) {
        startConnects();
        selector.select(20);
        for (Runnable t; (t = tasks.poll()) != null; ) {
          t.run();
        }
        for (SelectionKey key : selector.selectedKeys()) {
          Client c = (Client) key.attachment();
          try {
            if (key.isValid() && key.isConnectable()) {
              connected(key, c);
            } else if (key.isValid() && key.isWritable()) {
              write(key, c);
            } else if (key.isValid() && key.isReadable()) {
              read(key, c);
            }
          } catch (IOException e) {
            fail(key, c, e);
          }
        }
        selector.selectedKeys().clear();
      }
      for (Client c : clients) {
        if (c.open()) {
          closeQuietly(c.channel);
        }
      }
      selector.close();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void startConnects() {
    while (next < clients.size() && connecting < CONNECT_WINDOW && !stopping) {
      Client c = clients.get(next++);
      try {
        SocketChannel ch = SocketChannel.open();
        c.channel = ch;
        ch.configureBlocking(false);
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        if (c.local != null) {
          ch.bind(new InetSocketAddress(c.local, 0));
        }
        connecting++;
        if (ch.connect(server)) {
          connecting--;
          ch.register(selector, SelectionKey.OP_WRITE, c);
        } else {
          ch.register(selector, SelectionKey.OP_CONNECT, c);
        }
      } catch (IOException e) {
        c.error = "connect: " + e;
        allSent.countDown();
      }
    }
  }

  private void connected(SelectionKey key, Client c) throws IOException {
    connecting--;
    try {
      c.channel.finishConnect();
    } catch (IOException e) {
      c.error = "connect: " + e;
      allSent.countDown();
      key.cancel();
      closeQuietly(c.channel);
      return;
    }
    key.interestOps(SelectionKey.OP_WRITE);
  }

  private void write(SelectionKey key, Client c) throws IOException {
    c.channel.write(c.request);
    if (!c.request.hasRemaining()) {
      key.interestOps(SelectionKey.OP_READ);
      allSent.countDown();
    }
  }

  private void read(SelectionKey key, Client c) throws IOException {
    readBuffer.clear();
    int n = c.channel.read(readBuffer);
    if (n < 0) {
      if (c.answered()) {
        c.closedByServer = true;
      } else {
        c.error = "closed before an answer";
      }
      key.cancel();
      closeQuietly(c.channel);
      return;
    }
    readBuffer.flip();
    while (readBuffer.hasRemaining()) {
      if (c.bodyRemaining < 0) {
        c.head.append((char) (readBuffer.get() & 0xff));
        int len = c.head.length();
        if (len >= 4 && c.head.charAt(len - 1) == '\n' && c.head.indexOf("\r\n\r\n", len - 4) >= 0) {
          parseHead(c);
          if (c.bodyRemaining == 0) {
            c.answeredNanos = System.nanoTime();
          }
        }
      } else if (c.bodyRemaining > 0) {
        int take = Math.min(c.bodyRemaining, readBuffer.remaining());
        readBuffer.position(readBuffer.position() + take);
        c.bodyRemaining -= take;
        if (c.bodyRemaining == 0) {
          c.answeredNanos = System.nanoTime();
        }
      } else {
        c.error = "bytes after the answer";
        return;
      }
    }
  }

  private static void parseHead(Client c) {
    String[] lines = c.head.toString().split("\r\n");
    c.status = Integer.parseInt(lines[0].split(" ")[1]);
    int length = 0;
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = lines[i].substring(colon + 1).trim();
      switch (name) {
        case "content-length" -> length = Integer.parseInt(value);
        case "x-nomad-index" -> c.index = Long.parseLong(value);
        case "connection" -> c.connectionClose = value.equalsIgnoreCase("close");
        default -> { }
      }
    }
    c.bodyRemaining = length;
  }

  private void fail(SelectionKey key, Client c, IOException e) {
    if (c.error == null) {
      c.error = String.valueOf(e.getMessage());
    }
    if (!c.answered() && key.interestOps() != SelectionKey.OP_READ) {
      allSent.countDown();
    }
    key.cancel();
    closeQuietly(c.channel);
  }

  private static void closeQuietly(SocketChannel ch) {
    try {
      ch.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
