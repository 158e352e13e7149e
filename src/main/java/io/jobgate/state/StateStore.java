package io.jobgate.state;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import java.util.function.Function;

/**
 * The source of truth: one immutable {@link StateSnapshot} readers take without locks, and a
 * single writer that applies writes one at a time on its own event loop. After each write the new
 * snapshot becomes visible first, then one {@link StateChange} is published on the event bus, so a
 * listener that sees the event always finds at least that index in {@link #snapshot()}.
 */
public final class StateStore {

  private final Vertx vertx;
  private final Context writer;
  private volatile StateSnapshot current;
  /** The writer's own view; equal to {@link #current} between writes. Writer thread only. */
  private StateSnapshot head;

  public StateStore(Vertx vertx) {
    this(vertx, StateSnapshot.empty());
  }

  StateStore(Vertx vertx, StateSnapshot initial) {
    this.vertx = vertx;
    // Called off any event loop, this yields a fresh event-loop context of its own: the writer.
    this.writer = vertx.getOrCreateContext();
    this.current = initial;
    this.head = initial;
    registerCodec(vertx);
  }

  private static void registerCodec(Vertx vertx) {
    try {
      vertx.eventBus().registerDefaultCodec(StateChange.class, new LocalCodec());
    } catch (IllegalStateException alreadyRegistered) {
      // A second store on the same Vert.x (tests) shares the codec.
    }
  }

  /** The latest committed state. */
  public StateSnapshot snapshot() {
    return current;
  }

  /**
   * Runs {@code op} on the writer thread against the latest state and commits what it wrote. If
   * {@code op} throws, nothing it wrote is kept and the future fails with that exception. The
   * future completes on the caller's context.
   */
  public <T> Future<T> write(Function<StateWriter, T> op) {
    Context caller = Vertx.currentContext();
    Promise<T> promise = Promise.promise();
    writer.runOnContext(v -> {
      StateWriter w = new StateWriter(head);
      T result;
      try {
        result = op.apply(w);
      } catch (RuntimeException e) {
        complete(caller, () -> promise.fail(e));
        return;
      }
      if (w.changed()) {
        head = w.build();
        current = head;
        vertx.eventBus().publish(StateChange.ADDRESS, w.change());
      }
      complete(caller, () -> promise.complete(result));
    });
    return promise.future();
  }

  private static void complete(Context caller, Runnable r) {
    if (caller == null) {
      r.run();
    } else {
      caller.runOnContext(v -> r.run());
    }
  }

  /** Passes state changes by reference: they never leave the process. */
  private static final class LocalCodec implements MessageCodec<StateChange, StateChange> {
    @Override
    public void encodeToWire(Buffer buffer, StateChange change) {
      throw new UnsupportedOperationException("state changes are local");
    }

    @Override
    public StateChange decodeFromWire(int pos, Buffer buffer) {
      throw new UnsupportedOperationException("state changes are local");
    }

    @Override
    public StateChange transform(StateChange change) {
      return change;
    }

    @Override
    public String name() {
      return "jobgate-state-change";
    }

    @Override
    public byte systemCodecID() {
      return -1;
    }
  }
}
