package io.jobgate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobgate.config.AgentConfig;
import io.jobgate.config.TlsConfig;
import io.jobgate.support.Jobs;
import io.jobgate.support.TestAgent;
import io.jobgate.support.TestCerts;
import io.jobgate.support.TestCerts.Issued;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS from PEM files: handshakes, HTTP/2 by ALPN, mutual TLS, plain HTTP refused, reload in place. */
class TlsTest {

  @TempDir
  static Path dir;
  private static Issued ca;
  private static Issued client;
  private static Issued strangerClient;

  @BeforeAll
  static void certificates() throws Exception {
    ca = TestCerts.ca("jobgate test CA");
    client = TestCerts.leaf(ca, "client");
    Issued otherCa = TestCerts.ca("someone else's CA");
    strangerClient = TestCerts.leaf(otherCa, "stranger");
    ca.write(dir, "ca");
  }

  private static TlsConfig tls(Path certDir, boolean verifyClients) {
    return new TlsConfig(true, certDir.resolve("server.pem").toString(), certDir.resolve("server-key.pem").toString(),
        dir.resolve("ca.pem").toString(), verifyClients);
  }

  private static HttpClient client(SSLContext ctx, HttpClient.Version version) {
    return HttpClient.newBuilder().sslContext(ctx).version(version).connectTimeout(Duration.ofSeconds(5)).build();
  }

  private static HttpResponse<String> get(HttpClient c, TestAgent t, String path) throws Exception {
    return c.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + t.agent.port() + path))
        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static BigInteger servedSerial(TestAgent t) throws Exception {
    // A fresh client each time: a fresh handshake, no pooled connection or resumed session.
    HttpResponse<String> r = get(client(TestCerts.clientContext(ca, null), HttpClient.Version.HTTP_1_1), t,
        "/v1/agent/health");
    return ((X509Certificate) r.sslSession().orElseThrow().getPeerCertificates()[0]).getSerialNumber();
  }

  @Test
  void servesHttpsAndHttp2ByAlpn(@TempDir Path certs) throws Exception {
    TestCerts.leaf(ca, "server").write(certs, "server");
    try (TestAgent t = TestAgent.start(AgentConfig.defaults().withTls(tls(certs, false)))) {
      SSLContext ctx = TestCerts.clientContext(ca, null);
      HttpResponse<String> h2 = get(client(ctx, HttpClient.Version.HTTP_2), t, "/v1/jobs");
      assertEquals(200, h2.statusCode());
      assertEquals(HttpClient.Version.HTTP_2, h2.version());
      assertEquals("[]", h2.body());
      HttpResponse<String> h1 = get(client(ctx, HttpClient.Version.HTTP_1_1), t, "/v1/jobs");
      assertEquals(HttpClient.Version.HTTP_1_1, h1.version());
      String protocol = h1.sslSession().orElseThrow().getProtocol();
      assertTrue(protocol.equals("TLSv1.3") || protocol.equals("TLSv1.2"), protocol);
    }
  }

  @Test
  void oldProtocolsAreRefused(@TempDir Path certs) throws Exception {
    TestCerts.leaf(ca, "server").write(certs, "server");
    try (TestAgent t = TestAgent.start(AgentConfig.defaults().withTls(tls(certs, false)))) {
      SSLContext ctx = TestCerts.clientContext(ca, null);
      try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", t.agent.port())) {
        s.setEnabledProtocols(new String[] {"TLSv1.1"});
        assertThrows(IOException.class, s::startHandshake);
      } catch (IllegalArgumentException unsupported) {
        // This JDK cannot even offer TLS 1.1: nothing to refuse.
      }
    }
  }

  @Test
  void plainHttpToTheTlsPortIsRefusedCleanly(@TempDir Path certs) throws Exception {
    TestCerts.leaf(ca, "server").write(certs, "server");
    try (TestAgent t = TestAgent.start(AgentConfig.defaults().withTls(tls(certs, false)))) {
      try (Socket s = new Socket("127.0.0.1", t.agent.port())) {
        s.setSoTimeout(5000);
        s.getOutputStream().write("GET /v1/jobs HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        String answer = new String(readAll(s.getInputStream()), StandardCharsets.ISO_8859_1);
        assertFalse(answer.startsWith("HTTP/1.1 200"), answer);
      }
      assertEquals(200, get(client(TestCerts.clientContext(ca, null), HttpClient.Version.HTTP_1_1), t, "/v1/jobs")
          .statusCode(), "the agent still serves HTTPS afterwards");
    }
  }

  @Test
  void mutualTlsAcceptsOnlyClientsOfTheCa(@TempDir Path certs) throws Exception {
    TestCerts.leaf(ca, "server").write(certs, "server");
    try (TestAgent t = TestAgent.start(AgentConfig.defaults().withTls(tls(certs, true)))) {
      HttpClient trusted = client(TestCerts.clientContext(ca, client), HttpClient.Version.HTTP_1_1);
      assertEquals(200, get(trusted, t, "/v1/jobs").statusCode());
      HttpClient anonymous = client(TestCerts.clientContext(ca, null), HttpClient.Version.HTTP_1_1);
      assertThrows(IOException.class, () -> get(anonymous, t, "/v1/jobs"));
      HttpClient stranger = client(TestCerts.clientContext(ca, strangerClient), HttpClient.Version.HTTP_1_1);
      assertThrows(IOException.class, () -> get(stranger, t, "/v1/jobs"));
    }
  }

  @Test
  void reloadServesTheNewCertificateWithoutDroppingParkedRequests(@TempDir Path certs) throws Exception {
    Issued first = TestCerts.leaf(ca, "server-1");
    first.write(certs, "server");
    try (TestAgent t = TestAgent.start(AgentConfig.defaults().withTls(tls(certs, false)))) {
      assertEquals(first.serial(), servedSerial(t));
      HttpClient watcher = client(TestCerts.clientContext(ca, null), HttpClient.Version.HTTP_1_1);
      long index = Long.parseLong(get(watcher, t, "/v1/jobs").headers().firstValue("X-Nomad-Index").orElseThrow());
      CompletableFuture<HttpResponse<String>> parked = watcher.sendAsync(HttpRequest.newBuilder(
          URI.create("https://127.0.0.1:" + t.agent.port() + "/v1/jobs?index=" + index + "&wait=30s")).build(),
          HttpResponse.BodyHandlers.ofString());
      Thread.sleep(300);

      Issued second = TestCerts.leaf(ca, "server-2");
      second.write(certs, "server");
      t.agent.reloadTls().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertEquals(second.serial(), servedSerial(t));
      assertFalse(parked.isDone(), "the parked request was answered or dropped by the reload");

      HttpClient writer = client(TestCerts.clientContext(ca, null), HttpClient.Version.HTTP_1_1);
      assertEquals(200, writer.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + t.agent.port()
          + "/v1/jobs")).PUT(HttpRequest.BodyPublishers.ofString(Jobs.example("after-reload"))).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode());
      HttpResponse<String> woke = parked.get(10, TimeUnit.SECONDS);
      assertEquals(200, woke.statusCode());
      assertTrue(woke.body().contains("after-reload"));
    }
  }

  @Test
  void aBrokenReloadKeepsTheOldCertificate(@TempDir Path certs) throws Exception {
    Issued first = TestCerts.leaf(ca, "server-1");
    first.write(certs, "server");
    try (TestAgent t = TestAgent.start(AgentConfig.defaults().withTls(tls(certs, false)))) {
      java.nio.file.Files.writeString(certs.resolve("server.pem"), "not a certificate");
      assertThrows(Exception.class,
          () -> t.agent.reloadTls().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
      assertEquals(first.serial(), servedSerial(t));
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    try {
      return in.readAllBytes();
    } catch (IOException reset) {
      // A reset is a clean refusal too: the server closed without answering in plain text.
      return new byte[0];
    }
  }
}
