package io.jobgate.http;

/**
 * Where the agent is in its life, as the HTTP front reports it: ready from the moment it listens
 * until shutdown begins. Shared by every event loop; the flag only ever goes one way.
 */
public final class Lifecycle {

  private volatile boolean shuttingDown;

  public boolean ready() {
    return !shuttingDown;
  }

  public boolean shuttingDown() {
    return shuttingDown;
  }

  /** Readiness fails from now on, and every answer asks the client to close its connection. */
  public void beginShutdown() {
    shuttingDown = true;
  }
}
