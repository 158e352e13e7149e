package io.jobgate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobgate.support.Jobs;
import io.jobgate.support.TestAgent;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Idle and half-sent connections cost a socket each and nothing else: other clients are served as usual. */
class IdleConnectionsTest {

  private static TestAgent t;

  @BeforeAll
  static void start() {
    t = TestAgent.start();
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  @Test
  void halfSentAndIdleConnectionsDoNotSlowOthers() throws Exception {
    List<Socket> hogs = new ArrayList<>();
    try {
      for (int i = 0; i < 300; i++) {
        Socket s = new Socket("127.0.0.1", t.agent.port());
        if (i % 2 == 0) {
          OutputStream out = s.getOutputStream();
          // A request line and half a header, never finished.
          out.write("PUT /v1/jobs HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\nX-Half: ab"
              .getBytes(StandardCharsets.US_ASCII));
          out.flush();
        }
        hogs.add(s);
      }
      long start = System.nanoTime();
      for (int i = 0; i < 20; i++) {
        assertEquals(200, t.put("/v1/jobs", Jobs.example("busy-" + i)).statusCode());
        assertEquals(200, t.get("/v1/job/busy-" + i).statusCode());
      }
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertTrue(ms < 5000, "40 requests took " + ms + " ms beside 300 idle connections");
    } finally {
      for (Socket s : hogs) {
        s.close();
      }
    }
  }
}
