package io.jobgate.cli;

import sun.misc.Signal;

/**
 * SIGHUP, the Unix way to tell a daemon to re-read its files. Java has no public API for signals;
 * {@code sun.misc.Signal} (module {@code jdk.unsupported}, exported on purpose for this) is the
 * standard way. Its handler runs on a JVM thread of its own, never on an event loop.
 */
final class HangupSignal {

  private HangupSignal() {
  }

  /** Runs {@code action} on every SIGHUP; does nothing where there is none (Windows, {@code -Xrs}). */
  static void onHangup(Runnable action) {
    try {
      Signal.handle(new Signal("HUP"), s -> action.run());
    } catch (IllegalArgumentException | IllegalStateException unavailable) {
      // No SIGHUP here: certificates are then reloaded by restarting the agent.
    }
  }
}
