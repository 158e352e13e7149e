package io.jobgate.endpoint;

import io.jobgate.state.StateSnapshot;
import io.jobgate.state.WatchKey;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A read operation, as blocking queries need it: what it watches and how it runs on a snapshot.
 * The HTTP layer decides when to run it (spec §2); the endpoint only says what it reads.
 */
public record Read(List<WatchKey> watchKeys, Function<StateSnapshot, Result> run) {

  /**
   * A read's outcome: the index to report and a value, or a not-found text. The value is built
   * only when it is sent: a blocking read whose index has not moved parks without building it.
   */
  public record Result(long index, Supplier<Object> value, String notFound) {

    public static Result of(long index, Object value) {
      return new Result(index, () -> value, null);
    }

    public static Result lazy(long index, Supplier<Object> value) {
      return new Result(index, value, null);
    }

    public static Result missing(long index, String text) {
      return new Result(index, null, text);
    }
  }
}
