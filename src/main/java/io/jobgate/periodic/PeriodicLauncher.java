package io.jobgate.periodic;

import io.jobgate.state.JobKey;
import io.jobgate.state.StateChange;
import io.jobgate.state.StateSnapshot;
import io.jobgate.state.StateStore;
import io.jobgate.state.Table;
import io.jobgate.state.WatchKey;
import io.jobgate.structs.Job;
import io.jobgate.structs.PeriodicLaunch;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Launches periodic jobs (Nomad's periodic dispatcher, spec §11). It keeps every active periodic
 * job with its next launch time in a queue and one Vert.x timer for the earliest; at that time it
 * commits the child and its {@code periodic-job} evaluation, unless {@code ProhibitOverlap} holds
 * it back. Job writes re-arm a job whose schedule changed and drop one that was stopped, disabled
 * or purged.
 *
 * <p>On start, and after a snapshot restore, it reads every job's last launch from the store: a job
 * that missed one or more launches while nothing ran gets exactly one catch-up launch, now. A
 * timer that fires late likewise launches once and moves on to the next future time, never a burst.
 *
 * <p>Its state lives on its own context; it reads snapshots and writes through the store like any
 * other client, so it never blocks an event loop.
 */
public final class PeriodicLauncher extends VerticleBase {

  private static final System.Logger LOG = System.getLogger(PeriodicLauncher.class.getName());

  private final StateStore store;
  /** Active periodic jobs as last seen, with their next launch (null: no launch left). */
  private final Map<JobKey, Tracked> tracked = new HashMap<>();
  private final TreeSet<Slot> queue = new TreeSet<>(
      Comparator.comparing(Slot::time).thenComparing(Slot::key));
  private long timer = -1;
  private Instant armedFor;

  private record Tracked(Job job, Instant next) {
  }

  private record Slot(Instant time, JobKey key) {
  }

  public PeriodicLauncher(StateStore store) {
    this.store = store;
  }

  @Override
  public Future<?> start() {
    MessageConsumer<StateChange> consumer = vertx.eventBus().localConsumer(StateChange.ADDRESS,
        msg -> onChange(msg.body()));
    return consumer.completion().onSuccess(v -> restore());
  }

  /** Nomad's {@code restorePeriodicDispatcher}: track every active job, catching up missed launches once. */
  private void restore() {
    tracked.clear();
    queue.clear();
    Instant now = Instant.now();
    StateSnapshot s = store.snapshot();
    for (Job job : s.allJobs()) {
      if (!job.periodicActive()) {
        continue;
      }
      JobKey key = new JobKey(job.namespace(), job.id());
      if (!track(key, job, now)) {
        continue;
      }
      PeriodicLaunch last = s.periodicLaunch(key);
      Instant due = last == null ? null : next(job, last.launch());
      if (due != null && due.isBefore(now)) {
        LOG.log(System.Logger.Level.INFO, "periodic job {0} missed its launch at {1}: launching it once now", key,
            due);
        launch(key, now, false);
      }
    }
    arm();
  }

  private void onChange(StateChange change) {
    if (change.restored()) {
      restore();
      return;
    }
    if (!change.tables().contains(Table.JOBS)) {
      return;
    }
    StateSnapshot s = store.snapshot();
    Instant now = Instant.now();
    for (WatchKey k : change.keys()) {
      JobKey key = k.table() == Table.JOBS ? k.jobKey() : null;
      if (key != null) {
        reconcile(key, s.job(key), now);
      }
    }
    arm();
  }

  /** Nomad's {@code Add}: (re)arm a job whose schedule is new or changed, drop one no longer active. */
  private void reconcile(JobKey key, Job job, Instant now) {
    Tracked t = tracked.get(key);
    if (job == null || !job.periodicActive()) {
      if (t != null) {
        untrack(key);
      }
      return;
    }
    if (t != null && Objects.equals(t.job().periodic(), job.periodic())) {
      tracked.put(key, new Tracked(job, t.next()));
      return;
    }
    track(key, job, now);
  }

  /** Tracks {@code job} with its first launch after {@code from}; false if its spec cannot be evaluated. */
  private boolean track(JobKey key, Job job, Instant from) {
    untrack(key);
    Instant next;
    try {
      next = next(job, from);
    } catch (IllegalStateException | DateTimeException e) {
      LOG.log(System.Logger.Level.WARNING, "periodic job {0} is not launched: {1}", key, e.getMessage());
      return false;
    }
    schedule(key, job, next);
    return true;
  }

  private void schedule(JobKey key, Job job, Instant next) {
    tracked.put(key, new Tracked(job, next));
    if (next != null) {
      queue.add(new Slot(next, key));
    }
  }

  private void untrack(JobKey key) {
    Tracked t = tracked.remove(key);
    if (t != null && t.next() != null) {
      queue.remove(new Slot(t.next(), key));
    }
  }

  private static Instant next(Job job, Instant after) {
    Optional<ZonedDateTime> t = job.periodic().next(after);
    return t.map(ZonedDateTime::toInstant).orElse(null);
  }

  /** One timer, for the earliest launch; re-armed only when that changes. */
  private void arm() {
    Instant first = queue.isEmpty() ? null : queue.first().time();
    if (Objects.equals(first, armedFor)) {
      return;
    }
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    armedFor = first;
    if (first != null) {
      long delay = Math.max(1, Duration.between(Instant.now(), first).toMillis() + 1);
      timer = vertx.setTimer(delay, id -> fire());
    }
  }

  private void fire() {
    timer = -1;
    armedFor = null;
    Instant now = Instant.now();
    while (!queue.isEmpty() && !queue.first().time().isAfter(now)) {
      Slot slot = queue.pollFirst();
      Job job = tracked.get(slot.key()).job();
      Instant next;
      try {
        next = next(job, slot.time());
        if (next != null && !next.isAfter(now)) {
          // Late (the process was paused): skip the missed times rather than launch them in a burst.
          next = next(job, now);
        }
      } catch (IllegalStateException | DateTimeException e) {
        next = null;
      }
      schedule(slot.key(), job, next);
      launch(slot.key(), slot.time(), true);
    }
    arm();
  }

  /** Commits one launch, re-reading the job in the write; {@code scheduled} launches honour ProhibitOverlap. */
  private void launch(JobKey key, Instant at, boolean scheduled) {
    store.write(w -> {
      Job parent = w.job(key);
      if (parent == null || !parent.periodicActive()) {
        return null;
      }
      if (scheduled && parent.periodic().prohibitsOverlap() && PeriodicChildren.running(w.view(), parent)) {
        LOG.log(System.Logger.Level.DEBUG, "periodic job {0}: launch at {1} skipped, a child still runs", key, at);
        return null;
      }
      return PeriodicChildren.launch(w, parent, at);
    }).onFailure(e -> LOG.log(System.Logger.Level.ERROR, "periodic job " + key + ": launch at " + at + " failed", e));
  }
}
