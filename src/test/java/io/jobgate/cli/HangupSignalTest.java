package io.jobgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jobgate.support.TestCerts;
import io.jobgate.support.TestCerts.Issued;
import java.io.File;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kill -HUP} on a running {@code jobgate agent} makes it serve the certificate now on disk. */
class HangupSignalTest {

  @Test
  void sighupReloadsTheCertificate(@TempDir Path dir) throws Exception {
    assumeTrue(new File("/bin/kill").canExecute() || new File("/usr/bin/kill").canExecute(), "needs kill(1)");
    Issued ca = TestCerts.ca("signal test CA");
    Issued first = TestCerts.leaf(ca, "before");
    first.write(dir, "server");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path config = dir.resolve("agent.yaml");
    Files.writeString(config, "http_port: " + port + "\nhttp_instances: 1\ntls:\n  enabled: true\n"
        + "  cert_file: " + dir.resolve("server.pem") + "\n  key_file: " + dir.resolve("server-key.pem") + "\n");
    Process agent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "agent", "-dev", "-config",
        config.toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("agent.log").toFile())
        .start();
    try {
      assertEquals(first.cert().getSerialNumber(), awaitSerial(ca, port, null));
      Issued second = TestCerts.leaf(ca, "after");
      second.write(dir, "server");
      Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(agent.pid())).start();
      assertEquals(0, kill.waitFor());
      assertEquals(second.cert().getSerialNumber(), awaitSerial(ca, port, first.cert().getSerialNumber()),
          Files.readString(dir.resolve("agent.log")));
    } finally {
      agent.destroy();
      agent.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Polls handshakes until the served serial is known and differs from {@code old}. */
  private static BigInteger awaitSerial(Issued ca, int port, BigInteger old) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try (SSLSocket s = (SSLSocket) TestCerts.clientContext(ca, null).getSocketFactory()
          .createSocket("127.0.0.1", port)) {
        s.startHandshake();
        BigInteger serial = ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSerialNumber();
        if (!serial.equals(old)) {
          return serial;
        }
      } catch (Exception e) {
        last = e;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no new certificate within 30s", last);
  }
}
