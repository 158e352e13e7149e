package io.jobgate.http;

import io.jobgate.config.AgentConfig;
import io.jobgate.structs.GoDuration;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The common query parameters of a read (spec §1.4), parsed in Nomad's order. A bad {@code wait}
 * or {@code index} is refused with Nomad's exact 400 text.
 */
record QueryOptions(String region, String namespace, String prefix, long minIndex, long waitMillis,
    boolean pretty) {

  static QueryOptions parse(HttpServerRequest req, AgentConfig config) {
    String region = region(req, config);
    String prefix = orEmpty(req.getParam("prefix"));
    String namespace = namespace(req);
    long maxWaitMs = config.maxWait().toMillis();
    long defaultWaitMs = config.effectiveDefaultWait().toMillis();
    long waitMs = defaultWaitMs;
    String wait = req.getParam("wait");
    if (wait != null) {
      long nanos;
      try {
        nanos = GoDuration.parse(wait);
      } catch (IllegalArgumentException e) {
        throw HttpError.badRequest("Invalid wait time");
      }
      waitMs = nanos / 1_000_000;
      // Nomad clamps: too long is the maximum, zero or negative is the default (spec §2.1 step 2).
      if (waitMs > maxWaitMs) {
        waitMs = maxWaitMs;
      } else if (waitMs <= 0) {
        waitMs = defaultWaitMs;
      }
    }
    long index = 0;
    String idx = req.getParam("index");
    if (idx != null) {
      try {
        index = Long.parseUnsignedLong(idx);
      } catch (NumberFormatException e) {
        throw HttpError.badRequest("Invalid index");
      }
    }
    if (config.jitterFraction() > 0 && waitMs / config.jitterFraction() > 0) {
      waitMs += ThreadLocalRandom.current().nextLong(waitMs / config.jitterFraction());
    }
    return new QueryOptions(region, namespace, prefix, index, waitMs, pretty(req));
  }

  static String region(HttpServerRequest req, AgentConfig config) {
    String region = req.getParam("region");
    if (region != null && !region.isEmpty() && !region.equals(config.region())) {
      throw HttpError.badRequest("No path to region");
    }
    return config.region();
  }

  static String namespace(HttpServerRequest req) {
    String ns = req.getParam("namespace");
    return ns == null || ns.isEmpty() ? "default" : ns;
  }

  /** {@code ?pretty} pretty-prints unless its value is exactly {@code 0} (spec §1.3). */
  static boolean pretty(HttpServerRequest req) {
    String p = req.getParam("pretty");
    return p != null && !"0".equals(p);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
