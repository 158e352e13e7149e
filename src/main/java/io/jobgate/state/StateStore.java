package io.jobgate.state;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The source of truth: one immutable {@link StateSnapshot} readers take without locks, and a
 * single writer that applies writes one at a time on its own event loop. A write becomes visible
 * (the snapshot swapped in, one {@link StateChange} published) and is answered only once it is
 * durable, so a listener that sees the event always finds at least that index in
 * {@link #snapshot()}, and no reader ever sees a write that could still be lost.
 *
 * <p>With a {@link Journal}, writes apply to the writer's {@code head} at once and queue; the
 * journal thread takes everything queued in one call (group commit). On success the last
 * snapshot is published and the writes are answered in order; on failure {@code head} falls back
 * to the last durable snapshot and every queued write fails, since each was built on the lost
 * ones. Without a journal (dev mode) each write is published as soon as it is applied.
 */
public final class StateStore {

  private static final String JOURNAL_THREAD = "jobgate-journal";

  private final Vertx vertx;
  private final Context writer;
  private final Journal journal;
  private final WorkerExecutor disk;
  private volatile StateSnapshot current;
  /** The writer's own view, ahead of {@link #current} by the writes not yet durable. Writer thread only. */
  private StateSnapshot head;
  /** Writes applied to {@code head} and not yet answered, in order. Writer thread only. */
  private final ArrayDeque<Pending<?>> queued = new ArrayDeque<>();
  private boolean journaling;

  /** An in-memory store, empty. */
  public StateStore(Vertx vertx) {
    this(vertx, StateSnapshot.empty(), null);
  }

  /** A store that starts from {@code initial} (a restored state) and journals to {@code journal}, if any. */
  public StateStore(Vertx vertx, StateSnapshot initial, Journal journal) {
    this.vertx = vertx;
    // Called off any event loop, this yields a fresh event-loop context of its own: the writer.
    this.writer = vertx.getOrCreateContext();
    this.journal = journal;
    // One thread: the journal sees batches strictly in order, and the event loop never waits on disk.
    this.disk = journal == null ? null : vertx.createSharedWorkerExecutor(JOURNAL_THREAD, 1);
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

  /** The latest durable state. */
  public StateSnapshot snapshot() {
    return current;
  }

  /**
   * Runs {@code op} on the writer thread against the latest state and commits what it wrote. If
   * {@code op} throws, nothing it wrote is kept and the future fails with that exception; if the
   * commit cannot be made durable it fails with a {@link DurabilityException}. The future
   * completes on the caller's context, after every earlier write has.
   */
  public <T> Future<T> write(Function<StateWriter, T> op) {
    Context caller = Vertx.currentContext();
    Promise<T> promise = Promise.promise();
    writer.runOnContext(v -> {
      StateWriter w = new StateWriter(head);
      Pending<T> p = new Pending<>(caller, promise);
      try {
        p.result = op.apply(w);
        if (w.changed()) {
          head = w.build();
          p.commit = new Commit(head, w.rowChanges(), false);
          p.change = w.change();
        }
      } catch (RuntimeException e) {
        p.failure = e;
      }
      enqueue(p);
    });
    return promise.future();
  }

  /**
   * Replaces the whole state with {@code restored} (an operator snapshot), atomically and
   * durably, at an index above every index handed out so far. Publishes a change with
   * {@code restored = true}, which answers every parked watcher. Returns the restore's index.
   */
  public Future<Long> restore(StateSnapshot restored) {
    Context caller = Vertx.currentContext();
    Promise<Long> promise = Promise.promise();
    writer.runOnContext(v -> {
      long index = Math.max(head.index, restored.index) + 1;
      head = restored.restoredAt(index);
      Pending<Long> p = new Pending<>(caller, promise);
      p.result = index;
      p.commit = new Commit(head, List.of(), true);
      p.change = new StateChange(index, EnumSet.allOf(Table.class), allTableKeys(), true, System.nanoTime());
      enqueue(p);
    });
    return promise.future();
  }

  private static Set<WatchKey> allTableKeys() {
    Set<WatchKey> keys = new HashSet<>();
    for (Table t : Table.values()) {
      keys.add(WatchKey.table(t));
    }
    return keys;
  }

  private void enqueue(Pending<?> p) {
    if (journal == null) {
      publish(List.of(p));
      return;
    }
    queued.add(p);
    journalQueued();
  }

  /** Hands everything queued to the journal thread, unless a batch is already there. */
  private void journalQueued() {
    if (journaling || queued.isEmpty()) {
      return;
    }
    List<Pending<?>> batch = new ArrayList<>(queued);
    queued.clear();
    List<Commit> commits = new ArrayList<>(batch.size());
    for (Pending<?> p : batch) {
      if (p.commit != null) {
        commits.add(p.commit);
      }
    }
    if (commits.isEmpty()) {
      // Reads and refused writes: durable already, as everything they saw is.
      publish(batch);
      return;
    }
    journaling = true;
    disk.executeBlocking(() -> {
      journal.write(commits);
      return null;
    }, true).onComplete(ar -> {
      journaling = false;
      if (ar.succeeded()) {
        publish(batch);
      } else {
        rollBack(batch, ar.cause());
      }
      journalQueued();
    });
  }

  /** Makes a durable batch visible: one snapshot swap, one merged event, answers in order. */
  private void publish(List<Pending<?>> batch) {
    StateSnapshot last = null;
    long index = 0;
    boolean restored = false;
    Set<Table> tables = EnumSet.noneOf(Table.class);
    Set<WatchKey> keys = new HashSet<>();
    for (Pending<?> p : batch) {
      if (p.commit != null) {
        last = p.commit.after();
        index = p.change.index();
        restored |= p.change.restored();
        tables.addAll(p.change.tables());
        keys.addAll(p.change.keys());
      }
    }
    if (last != null) {
      current = last;
      vertx.eventBus().publish(StateChange.ADDRESS, new StateChange(index, tables, keys, restored, System.nanoTime()));
    }
    for (Pending<?> p : batch) {
      p.answer();
    }
  }

  /** The batch was lost, and everything queued behind it was built on it: all of it fails. */
  private void rollBack(List<Pending<?>> batch, Throwable cause) {
    head = current;
    DurabilityException failure = new DurabilityException(cause);
    List<Pending<?>> lost = new ArrayList<>(batch);
    lost.addAll(queued);
    queued.clear();
    for (Pending<?> p : lost) {
      p.failure = failure;
      p.answer();
    }
  }

  /** A write waiting to be answered: its result or failure, and its commit if it changed anything. */
  private static final class Pending<T> {
    final Context caller;
    final Promise<T> promise;
    T result;
    RuntimeException failure;
    Commit commit;
    StateChange change;

    Pending(Context caller, Promise<T> promise) {
      this.caller = caller;
      this.promise = promise;
    }

    void answer() {
      Runnable r = failure != null ? () -> promise.fail(failure) : () -> promise.complete(result);
      if (caller == null) {
        r.run();
      } else {
        caller.runOnContext(v -> r.run());
      }
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
