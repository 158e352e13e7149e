package io.jobgate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobgate.config.AgentConfig;
import io.jobgate.support.ParkedClients;
import io.jobgate.support.Scrape;
import io.jobgate.support.TestAgent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code limits.http_max_conns_per_client}: one connection too many gets Nomad's 429, and closing frees a slot. */
class ConnectionLimitTest {

  /** Another client address than the test's own HTTP client (127.0.0.1), whose connections count too. */
  private static final InetAddress CLIENT = address("127.0.0.2");

  private static InetAddress address(String ip) {
    try {
      return InetAddress.getByName(ip);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One GET on a fresh connection from {@link #CLIENT}, read until the agent closes it. */
  private static String rawGet(int port, String path) throws IOException {
    try (Socket s = new Socket(InetAddress.getByName("127.0.0.1"), port, CLIENT, 0)) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void aClientOverItsLimitGets429AndItsOtherConnectionsStayParked() throws Exception {
    try (TestAgent t = TestAgent.start(AgentConfig.defaults().withConnectionLimits(2, List.of()))) {
      long index = t.index(t.get("/v1/jobs"));
      try (ParkedClients two = ParkedClients.open(new InetSocketAddress("127.0.0.1", t.agent.port()),
          "/v1/jobs?index=" + index + "&wait=30s", 2, List.of(CLIENT))) {
        assertTrue(two.awaitSent(Duration.ofSeconds(5)));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (t.agent.metrics().parkedTotal() < 2 && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
        String refused = rawGet(t.agent.port(), "/v1/jobs");
        assertTrue(refused.startsWith("HTTP/1.1 429"), refused);
        assertTrue(refused.endsWith("Your IP is issuing too many concurrent connections, please rate limit your "
            + "calls\n"), refused);
        assertEquals(0, two.summary().answered(), "the parked connections are untouched");
        two.hangUp();
        deadline = System.nanoTime() + 5_000_000_000L;
        while (t.agent.metrics().parkedTotal() > 0 && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
      }
      assertEquals(1, Scrape.parse(t.get("/metrics").body()).value("jobgate_http_connections_rejected_total",
          "limit", "per_client"));
    }
  }


  private static final String REQUEST = "GET /v1/jobs HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";

  private static String ask(Socket s) throws IOException {
    s.setSoTimeout(10_000);
    s.getOutputStream().write(REQUEST.getBytes(StandardCharsets.US_ASCII));
    return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void oneConnectionOverTheCapGets429UntilAnotherCloses() throws Exception {
    AgentConfig config = AgentConfig.defaults().withConnectionLimits(3, List.of());
    try (TestAgent t = TestAgent.start(config)) {
      List<Socket> held = new ArrayList<>();
      try {
        for (int i = 0; i < 3; i++) {
          held.add(new Socket("127.0.0.1", t.agent.port()));
        }
        Thread.sleep(200);
        try (Socket extra = new Socket("127.0.0.1", t.agent.port())) {
          String answer = ask(extra);
          assertTrue(answer.startsWith("HTTP/1.1 429 Too Many Requests"), answer);
          assertTrue(answer.endsWith("\r\n\r\nYour IP is issuing too many concurrent connections, please rate limit "
              + "your calls\n"), answer);
        }
        held.remove(0).close();
        Thread.sleep(200);
        try (Socket next = new Socket("127.0.0.1", t.agent.port())) {
          assertTrue(ask(next).startsWith("HTTP/1.1 200"), "a closed connection frees its slot");
        }
      } finally {
        for (Socket s : held) {
          s.close();
        }
      }
    }
  }

  @Test
  void aRefusedConnectionThatSaysNothingIsClosed() throws Exception {
    AgentConfig config = AgentConfig.defaults().withConnectionLimits(1, List.of());
    try (TestAgent t = TestAgent.start(config); Socket first = new Socket("127.0.0.1", t.agent.port())) {
      // Accepts are handled on several event loops: let the first one be counted first.
      Thread.sleep(200);
      try (Socket silent = new Socket("127.0.0.1", t.agent.port())) {
        silent.setSoTimeout(10_000);
        long start = System.nanoTime();
        assertEquals(-1, silent.getInputStream().read(), "an idle refused connection is closed, not kept");
        assertTrue(System.nanoTime() - start < 5_000_000_000L);
      }
    }
  }

  @Test
  void trustedAddressesAreNotCounted() throws Exception {
    assertServedBeside(AgentConfig.defaults().withConnectionLimits(1, List.of("127.0.0.0/8")), 5);
  }

  @Test
  void zeroTurnsTheCapOff() throws Exception {
    assertServedBeside(AgentConfig.defaults().withConnectionLimits(0, List.of()), 150);
  }

  /** A new connection is still answered 200 while {@code held} others from 127.0.0.1 stay open. */
  private static void assertServedBeside(AgentConfig config, int held) throws Exception {
    try (TestAgent t = TestAgent.start(config)) {
      List<Socket> open = new ArrayList<>();
      try {
        for (int i = 0; i < held; i++) {
          open.add(new Socket("127.0.0.1", t.agent.port()));
        }
        try (Socket more = new Socket("127.0.0.1", t.agent.port())) {
          assertTrue(ask(more).startsWith("HTTP/1.1 200"));
        }
      } finally {
        for (Socket s : open) {
          s.close();
        }
      }
    }
  }
}
