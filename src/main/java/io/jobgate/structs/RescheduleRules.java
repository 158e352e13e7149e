package io.jobgate.structs;

import java.util.ArrayList;
import java.util.List;

/**
 * Nomad 0.8's rescheduling arithmetic for failed allocations (spec §15.2 step 1): whether the
 * policy allows another attempt, the next delay (constant, exponential or fibonacci, capped by
 * MaxDelay, reset after a quiet period), and the tracker carried by the replacement. Delays are
 * Nomad's; only the moment they expire is scaled to simulated time. Shared by the scheduler and
 * by the server side of client updates, which files an evaluation for each reschedulable failure.
 */
public final class RescheduleRules {

  /** Failed allocations due within this of "now" are rescheduled now (Nomad's rescheduleWindowSize). */
  public static final long WINDOW_NANOS = 1_000_000_000L;
  /** Failures within this of each other share one follow-up evaluation. */
  public static final long BATCH_WINDOW_NANOS = 5_000_000_000L;
  /** An unlimited policy carries only this many past events forward. */
  public static final int MAX_PAST_EVENTS = 5;

  private RescheduleRules() {
  }

  public static ReschedulePolicy policy(Allocation a) {
    if (a.job() == null) {
      return null;
    }
    TaskGroup tg = a.job().lookupTaskGroup(a.taskGroup());
    return tg == null ? null : tg.reschedulePolicy();
  }

  /** When the allocation last changed on the client: the latest task finish, else its modify time. */
  public static long lastEventNanos(Allocation a) {
    long last = 0;
    if (a.taskStates() != null) {
      for (TaskState s : a.taskStates().values()) {
        if (s.finishedAt() != null && !s.finishedAt().equals(GoTime.ZERO)) {
          last = Math.max(last, GoTime.toUnixNanos(s.finishedAt()));
        }
      }
    }
    return last == 0 ? a.modifyTime() : last;
  }

  /** Nomad's {@code RescheduleEligible}: attempts left within the interval, or unlimited. */
  public static boolean eligible(Allocation a, ReschedulePolicy p, long failNanos) {
    if (p == null || !p.reschedules()) {
      return false;
    }
    if (Boolean.TRUE.equals(p.unlimited())) {
      return true;
    }
    List<RescheduleEvent> events = events(a);
    if (events.isEmpty()) {
      return p.attempts() > 0;
    }
    int attempted = 0;
    for (RescheduleEvent e : events) {
      if (failNanos - e.rescheduleTime() < p.interval()) {
        attempted++;
      }
    }
    return attempted < p.attempts();
  }

  /** Nomad's {@code NextDelay}. */
  public static long nextDelay(Allocation a, ReschedulePolicy p) {
    long delay = p.delay();
    List<RescheduleEvent> events = events(a);
    if (events.isEmpty()) {
      return delay;
    }
    RescheduleEvent last = events.get(events.size() - 1);
    switch (p.delayFunction()) {
      case "exponential" -> delay = last.delay() * 2;
      case "fibonacci" -> {
        if (events.size() >= 2) {
          long n1 = last.delay();
          long n2 = events.get(events.size() - 2).delay();
          // A series that hit the ceiling and was reset starts again from the base delay.
          delay = n2 == p.maxDelay() && n1 == p.delay() ? n1 : n1 + n2;
        }
      }
      default -> {
        return delay;
      }
    }
    if (p.maxDelay() > 0 && delay > p.maxDelay()) {
      delay = p.maxDelay();
      if (lastEventNanos(a) - last.rescheduleTime() > delay) {
        delay = p.delay();
      }
    }
    return delay;
  }

  /** When the failed allocation may be replaced, in wall-clock nanos, or -1 if never. */
  public static long nextTime(Allocation a, TimeScale scale) {
    ReschedulePolicy p = policy(a);
    long failed = lastEventNanos(a);
    if (!eligible(a, p, failed)) {
      return -1;
    }
    return failed + scale.wallNanos(nextDelay(a, p));
  }

  /** The replacement's tracker: the previous events still relevant, plus this rescheduling. */
  public static RescheduleTracker trackerFor(Allocation prev, long nowNanos) {
    ReschedulePolicy p = policy(prev);
    List<RescheduleEvent> out = new ArrayList<>();
    List<RescheduleEvent> past = events(prev);
    if (p != null && p.attempts() != null && p.attempts() > 0) {
      for (RescheduleEvent e : past) {
        if (p.interval() > 0 && nowNanos - e.rescheduleTime() <= p.interval()) {
          out.add(e);
        }
      }
    } else {
      out.addAll(past.subList(Math.max(0, past.size() - MAX_PAST_EVENTS), past.size()));
    }
    out.add(new RescheduleEvent(nowNanos, prev.id(), prev.nodeId(), p == null ? 0 : nextDelay(prev, p)));
    return new RescheduleTracker(List.copyOf(out));
  }

  private static List<RescheduleEvent> events(Allocation a) {
    RescheduleTracker t = a.rescheduleTracker();
    return t == null || t.events() == null ? List.of() : t.events();
  }
}
