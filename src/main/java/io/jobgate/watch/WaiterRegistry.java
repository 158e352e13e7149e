package io.jobgate.watch;

import io.jobgate.metrics.Metrics;
import io.jobgate.metrics.Metrics.Outcome;
import io.jobgate.state.StateChange;
import io.jobgate.state.StateSnapshot;
import io.jobgate.state.StateStore;
import io.jobgate.state.WatchKey;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The parked blocking queries of one event loop. Single-threaded by construction: every method
 * runs on the owning verticle's event loop, so nothing here needs a lock.
 *
 * <p>No write can slip between a read and its park: a query reads snapshot {@code S} and parks in
 * the same event-loop turn, while the change event of any later commit is delivered to this loop
 * afterwards and re-runs the query. Waiters asking the same {@link Question} share one run and one
 * encoded answer per wake. Deadlines sit in coarse buckets swept by one periodic timer.
 */
public final class WaiterRegistry {

  private final Vertx vertx;
  private final StateStore store;
  private final Metrics metrics;
  private final long tickMillis;
  private final Map<String, Parked> questions = new HashMap<>();
  private final Map<WatchKey, Set<Parked>> byKey = new HashMap<>();
  private final TreeMap<Long, Set<Waiter>> deadlines = new TreeMap<>();
  private long timerId = -1;
  private boolean closed;

  public WaiterRegistry(Vertx vertx, StateStore store, Metrics metrics, long tickMillis) {
    this.vertx = vertx;
    this.store = store;
    this.metrics = metrics;
    this.tickMillis = tickMillis;
  }

  /** Starts the deadline sweep; call on the owning event loop. */
  public void start() {
    timerId = vertx.setPeriodic(tickMillis, id -> sweep(System.currentTimeMillis()));
  }

  /**
   * Answers {@code request} now if the result's index is above {@code minIndex} (or it is not a
   * blocking read), else parks it until a watched change moves the index past {@code minIndex} or
   * {@code waitMillis} pass. Returns whether it parked.
   */
  public boolean answer(HttpServerRequest request, Question question, String route, long minIndex, long waitMillis) {
    StateSnapshot snapshot = store.snapshot();
    QueryResult result = question.run(snapshot);
    boolean gzip = EncodedResponse.acceptsGzip(request.getHeader("Accept-Encoding"));
    if (minIndex == 0 || result.index() > minIndex || closed) {
      question.encode(result).writeTo(request.response(), gzip);
      return false;
    }
    Parked p = questions.get(question.key());
    if (p == null) {
      p = new Parked(question, metrics.parked(route));
      questions.put(question.key(), p);
      for (WatchKey k : question.watchKeys()) {
        byKey.computeIfAbsent(k, x -> new HashSet<>()).add(p);
      }
    }
    long deadline = System.currentTimeMillis() + waitMillis;
    Waiter w = new Waiter(request, p, minIndex, bucketOf(deadline), gzip);
    p.waiters.add(w);
    p.gauge.incrementAndGet();
    deadlines.computeIfAbsent(w.bucket, b -> new LinkedHashSet<>()).add(w);
    request.response().closeHandler(v -> {
      if (!w.done) {
        finish(w, Outcome.CLIENT_GONE);
      }
    });
    return true;
  }

  /** Deadlines are rounded up to the sweep tick, so no waiter is answered before its wait. */
  private long bucketOf(long deadline) {
    return ((deadline + tickMillis - 1) / tickMillis) * tickMillis;
  }

  /** Re-runs every question that read something {@code change} touched. */
  public void onChange(StateChange change) {
    Set<Parked> affected = change.restored() ? new HashSet<>(questions.values()) : collect(change);
    if (affected.isEmpty()) {
      return;
    }
    StateSnapshot snapshot = store.snapshot();
    boolean answered = false;
    for (Parked p : affected) {
      QueryResult result = p.question.run(snapshot);
      EncodedResponse encoded = null;
      for (Waiter w : new ArrayList<>(p.waiters)) {
        // After a restore the index may have gone backwards: every watcher gets an answer.
        if (result.index() > w.minIndex || change.restored()) {
          if (encoded == null) {
            encoded = p.question.encode(result);
          }
          deliver(w, encoded, Outcome.WOKEN);
          answered = true;
        }
      }
    }
    if (answered) {
      metrics.wakeFanout(System.nanoTime() - change.commitNanos());
    }
  }

  private Set<Parked> collect(StateChange change) {
    Set<Parked> affected = null;
    for (WatchKey k : change.keys()) {
      Set<Parked> ps = byKey.get(k);
      if (ps != null) {
        if (affected == null) {
          affected = new HashSet<>();
        }
        affected.addAll(ps);
      }
    }
    return affected == null ? Set.of() : affected;
  }

  private void sweep(long now) {
    Map<Parked, EncodedResponse> answers = new IdentityHashMap<>();
    StateSnapshot snapshot = null;
    while (!deadlines.isEmpty() && deadlines.firstKey() <= now) {
      for (Waiter w : deadlines.pollFirstEntry().getValue()) {
        if (w.done) {
          continue;
        }
        if (snapshot == null) {
          snapshot = store.snapshot();
        }
        StateSnapshot s = snapshot;
        EncodedResponse encoded = answers.computeIfAbsent(w.parked, p -> p.question.encode(p.question.run(s)));
        w.bucket = -1;
        deliver(w, encoded, Outcome.TIMEOUT);
      }
    }
  }

  /**
   * Answers every parked query at once with its current result (shutdown: clients re-park
   * elsewhere), and answers new reads immediately from then on.
   */
  public void drain() {
    closed = true;
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
    StateSnapshot snapshot = store.snapshot();
    for (Parked p : new ArrayList<>(questions.values())) {
      EncodedResponse encoded = p.question.encode(p.question.run(snapshot));
      for (Waiter w : new ArrayList<>(p.waiters)) {
        deliver(w, encoded, Outcome.SHUTDOWN);
      }
    }
  }

  private void deliver(Waiter w, EncodedResponse encoded, Outcome outcome) {
    HttpServerResponse response = w.request.response();
    if (response.writeQueueFull()) {
      // A client that is not reading gets cut off rather than buffered without bound.
      finish(w, Outcome.CUT_SLOW);
      w.request.connection().close();
      return;
    }
    finish(w, outcome);
    if (!response.ended() && !response.closed()) {
      encoded.writeTo(response, w.gzip);
    }
  }

  private void finish(Waiter w, Outcome outcome) {
    w.done = true;
    Parked p = w.parked;
    p.waiters.remove(w);
    p.gauge.decrementAndGet();
    if (w.bucket >= 0) {
      Set<Waiter> bucket = deadlines.get(w.bucket);
      if (bucket != null) {
        bucket.remove(w);
        if (bucket.isEmpty()) {
          deadlines.remove(w.bucket);
        }
      }
    }
    if (p.waiters.isEmpty()) {
      questions.remove(p.question.key());
      for (WatchKey k : p.question.watchKeys()) {
        Set<Parked> ps = byKey.get(k);
        if (ps != null) {
          ps.remove(p);
          if (ps.isEmpty()) {
            byKey.remove(k);
          }
        }
      }
    }
    metrics.completed(outcome);
  }

  /** A distinct question with the requests parked on it. */
  private static final class Parked {
    final Question question;
    final AtomicInteger gauge;
    final Set<Waiter> waiters = new LinkedHashSet<>();

    Parked(Question question, AtomicInteger gauge) {
      this.question = question;
      this.gauge = gauge;
    }
  }

  private static final class Waiter {
    final HttpServerRequest request;
    final Parked parked;
    final long minIndex;
    final boolean gzip;
    long bucket;
    boolean done;

    Waiter(HttpServerRequest request, Parked parked, long minIndex, long bucket, boolean gzip) {
      this.request = request;
      this.parked = parked;
      this.minIndex = minIndex;
      this.bucket = bucket;
      this.gzip = gzip;
    }
  }
}
