package io.jobgate.endpoint;

import java.util.UUID;

/** Identifiers as Nomad makes them: random UUIDs, 8-4-4-4-12 lowercase hex. */
public final class Ids {

  private Ids() {
  }

  public static String uuid() {
    return UUID.randomUUID().toString();
  }
}
