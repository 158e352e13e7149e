package io.jobgate.cli;

import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT start the graceful stop. They are caught rather than left to the JVM, whose
 * own handling runs shutdown hooks and then exits with status 143 (128 + SIGTERM): a clean stop
 * must exit 0, and only the agent knows when it is done. {@code sun.misc.Signal} is the JDK's
 * supported way to do this (module {@code jdk.unsupported}, kept for exactly such uses).
 */
final class TerminationSignals {

  private TerminationSignals() {
  }

  /** A latch released by the first SIGTERM or SIGINT. */
  static CountDownLatch install() {
    CountDownLatch received = new CountDownLatch(1);
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(name), s -> received.countDown());
    }
    return received;
  }
}
