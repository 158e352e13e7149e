package io.jobgate.scheduler;

import io.jobgate.metrics.Metrics;
import io.jobgate.state.JobKey;
import io.jobgate.state.StateChange;
import io.jobgate.state.StateSnapshot;
import io.jobgate.state.StateStore;
import io.jobgate.state.Table;
import io.jobgate.state.WatchKey;
import io.jobgate.structs.Allocation;
import io.jobgate.structs.EvalBuilder;
import io.jobgate.structs.Evaluation;
import io.jobgate.structs.GoTime;
import io.jobgate.structs.Node;
import io.jobgate.structs.TimeScale;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Nomad's evaluation broker (spec §15.1, §13.1), confined to one event-loop context of its own:
 * pending evaluations queue by priority (then age), at most one per job is out at a time, each
 * must be acked or nacked; the third failed delivery fails the evaluation and files a
 * {@code failed-follow-up}. Evaluations with {@code Wait}/{@code WaitUntil} are held until due.
 *
 * <p>The broker learns of evaluations from the store's change events (any pending evaluation
 * written, by an endpoint or a scheduler, is enqueued) and, at start, from the snapshot. Worker
 * threads reach it only through {@link #dequeue}, {@link #ack} and {@link #nack}, which hop onto
 * its context.
 */
public final class EvalBroker {

  private static final System.Logger LOG = System.getLogger(EvalBroker.class.getName());

  static final int DELIVERY_LIMIT = 3;
  static final long NACK_TIMEOUT_MS = 60_000;
  static final long INITIAL_NACK_DELAY_NANOS = 1_000_000_000L;
  static final long SUBSEQUENT_NACK_DELAY_NANOS = 20_000_000_000L;
  static final long FOLLOW_UP_BASE_NANOS = 60_000_000_000L;
  static final long FOLLOW_UP_RANGE_NANOS = 300_000_000_000L;

  private final Vertx vertx;
  private final StateStore store;
  private final TimeScale scale;
  private final Context context;
  private final PriorityQueue<Evaluation> ready = new PriorityQueue<>(
      Comparator.comparingInt(Evaluation::priority).reversed().thenComparingLong(Evaluation::createIndex));
  /** The one evaluation per job that is ready or out with a worker. */
  private final Map<JobKey, String> activeByJob = new HashMap<>();
  private final Map<JobKey, PriorityQueue<Evaluation>> waitingByJob = new HashMap<>();
  private final Map<String, Long> unacked = new HashMap<>();
  private final Map<String, Integer> nacks = new HashMap<>();
  /** Every evaluation the broker holds in any form, so a change event does not enqueue it twice. */
  private final Set<String> known = new HashSet<>();
  private final Deque<CompletableFuture<Evaluation>> workers = new ArrayDeque<>();
  private final BlockedEvals blocked;
  private boolean closed;
  private int delayed;
  /** Evaluations in {@link #waitingByJob}, counted as they come and go: summing the map on every change was quadratic. */
  private int waitingForJob;
  /** Evaluations by status for {@code jobgate_broker_evals}: written on the broker's context, read by scrapes. */
  private final AtomicInteger readyCount = new AtomicInteger();
  private final AtomicInteger unackedCount = new AtomicInteger();
  private final AtomicInteger blockedCount = new AtomicInteger();
  private final AtomicInteger waitingCount = new AtomicInteger();

  public EvalBroker(Vertx vertx, StateStore store, TimeScale scale) {
    this.vertx = vertx;
    this.store = store;
    this.scale = scale;
    this.context = vertx.getOrCreateContext();
    this.blocked = new BlockedEvals(this::enqueueNow, this::cancelDuplicate);
  }

  /** Picks up pending and blocked evaluations already stored, then follows the store's changes. */
  public Future<Void> start() {
    Promise<Void> started = Promise.promise();
    context.runOnContext(v -> {
      for (Evaluation e : store.snapshot().allEvals()) {
        track(e);
      }
      vertx.eventBus().<StateChange>localConsumer(StateChange.ADDRESS, msg -> onChange(msg.body()))
          .completion().onComplete(started);
    });
    return started.future();
  }

  /** The {@code jobgate_broker_evals} gauges, by status: ready, unacked, blocked, waiting. */
  public void registerMeters(Metrics metrics) {
    String name = Metrics.BROKER_EVALS;
    String what = "Evaluations in the broker by status";
    metrics.gauge(name, what, readyCount, AtomicInteger::get, "status", "ready");
    metrics.gauge(name, what, unackedCount, AtomicInteger::get, "status", "unacked");
    metrics.gauge(name, what, blockedCount, AtomicInteger::get, "status", "blocked");
    metrics.gauge(name, what, waitingCount, AtomicInteger::get, "status", "waiting");
  }

  /** Publishes the counts after a change; the broker's context only. */
  private void count() {
    readyCount.set(ready.size());
    unackedCount.set(unacked.size());
    blockedCount.set(blocked.size());
    waitingCount.set(delayed + waitingForJob);
  }

  /** Hands the next ready evaluation to a worker thread; completes with null once closed. */
  CompletableFuture<Evaluation> dequeue() {
    CompletableFuture<Evaluation> f = new CompletableFuture<>();
    context.runOnContext(v -> {
      if (closed) {
        f.complete(null);
        return;
      }
      workers.add(f);
      dispatch();
      count();
    });
    return f;
  }

  void ack(String id) {
    context.runOnContext(v -> {
      Long timer = unacked.remove(id);
      if (timer == null) {
        return;
      }
      vertx.cancelTimer(timer);
      nacks.remove(id);
      known.remove(id);
      Evaluation latest = store.snapshot().eval(id);
      if (latest != null) {
        release(new JobKey(latest.namespace(), latest.jobId()), id);
        if (Evaluation.STATUS_BLOCKED.equals(latest.status())) {
          known.add(id);
          blocked.block(latest);
        }
      }
      count();
    });
  }

  void nack(String id) {
    context.runOnContext(v -> {
      nackOnContext(id);
      count();
    });
  }

  /** Stops handing out work; waiting workers get null. */
  public void close() {
    context.runOnContext(v -> {
      closed = true;
      for (CompletableFuture<Evaluation> f : workers) {
        f.complete(null);
      }
      workers.clear();
    });
  }

  private void nackOnContext(String id) {
    Long timer = unacked.remove(id);
    if (timer == null) {
      return;
    }
    vertx.cancelTimer(timer);
    Evaluation e = store.snapshot().eval(id);
    if (e == null) {
      known.remove(id);
      return;
    }
    int count = nacks.merge(id, 1, Integer::sum);
    if (count >= DELIVERY_LIMIT) {
      nacks.remove(id);
      known.remove(id);
      release(new JobKey(e.namespace(), e.jobId()), id);
      failDelivery(e);
      return;
    }
    long delay = count == 1 ? INITIAL_NACK_DELAY_NANOS : SUBSEQUENT_NACK_DELAY_NANOS;
    vertx.setTimer(scale.timerMillis(delay), t -> {
      ready.add(e);
      dispatch();
    });
  }

  /** Spec §13.1: a failed evaluation and a follow-up 1–6 minutes later. */
  private void failDelivery(Evaluation e) {
    EvalBuilder failed = EvalBuilder.from(e);
    failed.status = Evaluation.STATUS_FAILED;
    failed.statusDescription = "evaluation reached delivery limit (" + DELIVERY_LIMIT + ")";
    EvalBuilder follow = EvalBuilder.from(Evaluation.pending(UUID.randomUUID().toString(), e.namespace(),
        e.priority(), e.type(), Evaluation.TRIGGER_FAILED_FOLLOW_UP, e.jobId(), e.jobModifyIndex()));
    follow.waitNanos = FOLLOW_UP_BASE_NANOS + ThreadLocalRandom.current().nextLong(FOLLOW_UP_RANGE_NANOS);
    follow.previousEval = e.id();
    failed.nextEval = follow.id;
    store.write(w -> {
      w.upsertEvals(w.nextIndex(), List.of(failed.build(), follow.build()));
      return null;
    }).onFailure(err -> LOG.log(System.Logger.Level.ERROR, "cannot fail evaluation " + e.id(), err));
  }

  private void cancelDuplicate(Evaluation e) {
    known.remove(e.id());
    EvalBuilder b = EvalBuilder.from(e);
    b.status = Evaluation.STATUS_CANCELED;
    b.statusDescription = "existing blocked evaluation exists for job \"" + e.jobId() + "\"";
    store.write(w -> {
      Evaluation latest = w.view().eval(e.id());
      if (latest != null && Evaluation.STATUS_BLOCKED.equals(latest.status())) {
        w.upsertEvals(w.nextIndex(), List.of(b.build()));
      }
      return null;
    });
  }

  private void onChange(StateChange change) {
    StateSnapshot snap = store.snapshot();
    boolean evals = change.tables().contains(Table.EVALS);
    boolean nodes = change.tables().contains(Table.NODES);
    boolean allocs = change.tables().contains(Table.ALLOCS) && !blocked.isEmpty();
    if (!evals && !nodes && !allocs) {
      return;
    }
    Set<String> classes = new HashSet<>();
    for (WatchKey k : change.keys()) {
      if (k.key() == null || !k.key().startsWith("id:")) {
        continue;
      }
      String id = k.key().substring(3);
      if (evals && k.table() == Table.EVALS) {
        Evaluation e = snap.eval(id);
        if (e != null) {
          if (blocked.tracks(id) && e.terminal()) {
            blocked.remove(id);
            known.remove(id);
          } else if (!known.contains(id)) {
            track(e);
          }
        }
      } else if (nodes && k.table() == Table.NODES) {
        Node n = snap.node(id);
        if (n != null) {
          classes.add(n.computedClass());
        }
      } else if (allocs && k.table() == Table.ALLOCS) {
        Allocation a = snap.alloc(id);
        Node n = a == null || !a.terminal() ? null : snap.node(a.nodeId());
        if (n != null) {
          classes.add(n.computedClass());
        }
      }
    }
    for (String c : classes) {
      blocked.unblock(c, change.index());
    }
    count();
  }

  private void track(Evaluation e) {
    if (Evaluation.STATUS_PENDING.equals(e.status())) {
      known.add(e.id());
      long now = GoTime.toUnixNanos(Instant.now());
      long until = e.waitUntil() == null || e.waitUntil().equals(GoTime.ZERO) ? 0 : GoTime.toUnixNanos(e.waitUntil());
      if (until > now) {
        // WaitUntil is already wall-clock time: the scheduler scaled the delay when it set it.
        delay(Math.max(1, (until - now) / 1_000_000), e);
      } else if (e.waitNanos() > 0) {
        delay(scale.timerMillis(e.waitNanos()), e);
      } else {
        enqueueNow(e);
      }
    } else if (Evaluation.STATUS_BLOCKED.equals(e.status())) {
      known.add(e.id());
      blocked.block(e);
    }
  }

  private void delay(long millis, Evaluation e) {
    delayed++;
    vertx.setTimer(millis, t -> {
      delayed--;
      enqueueNow(e);
      count();
    });
  }

  private void enqueueNow(Evaluation e) {
    known.add(e.id());
    JobKey jk = new JobKey(e.namespace(), e.jobId());
    String active = activeByJob.get(jk);
    if (active != null && !active.equals(e.id())) {
      waitingByJob.computeIfAbsent(jk, k -> new PriorityQueue<>(ready.comparator())).add(e);
      waitingForJob++;
      return;
    }
    activeByJob.put(jk, e.id());
    ready.add(e);
    dispatch();
  }

  /** The job's slot is free again: its next waiting evaluation becomes ready. */
  private void release(JobKey jk, String id) {
    if (!id.equals(activeByJob.get(jk))) {
      return;
    }
    activeByJob.remove(jk);
    PriorityQueue<Evaluation> waiting = waitingByJob.get(jk);
    Evaluation next = waiting == null ? null : waiting.poll();
    if (waiting != null && waiting.isEmpty()) {
      waitingByJob.remove(jk);
    }
    if (next != null) {
      waitingForJob--;
      activeByJob.put(jk, next.id());
      ready.add(next);
      dispatch();
    }
  }

  private void dispatch() {
    while (!workers.isEmpty() && !ready.isEmpty()) {
      Evaluation queued = ready.poll();
      Evaluation latest = store.snapshot().eval(queued.id());
      if (latest == null || latest.terminal()) {
        known.remove(queued.id());
        nacks.remove(queued.id());
        release(new JobKey(queued.namespace(), queued.jobId()), queued.id());
        continue;
      }
      String id = latest.id();
      unacked.put(id, vertx.setTimer(NACK_TIMEOUT_MS, t -> nackOnContext(id)));
      workers.poll().complete(latest);
    }
  }
}
