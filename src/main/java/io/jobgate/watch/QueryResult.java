package io.jobgate.watch;

import java.util.function.Supplier;

/**
 * What a read found: the index to report and either a body (status 200, built only when it is
 * encoded) or an error text with its status (a 404 on a read still carries the index headers, spec
 * §1.5). The index is never below 1:
 * a client holding index 0 would otherwise spin (spec §2.1 step 6, Consul's fix).
 */
public record QueryResult(long index, int status, Supplier<Object> body, String errorText) {

  public QueryResult {
    index = Math.max(1, index);
  }

  public static QueryResult ok(long index, Supplier<Object> body) {
    return new QueryResult(index, 200, body, null);
  }

  public static QueryResult notFound(long index, String text) {
    return new QueryResult(index, 404, null, text);
  }
}
