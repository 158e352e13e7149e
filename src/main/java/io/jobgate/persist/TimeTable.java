package io.jobgate.persist;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Which index the store had reached at which wall-clock time: Nomad's {@code TimeTable}, which is
 * how garbage collection turns "older than one hour" into "ModifyIndex at most N". Entries are at
 * least {@link #GRANULARITY_MILLIS} apart and kept for {@link #LIMIT_MILLIS}, Nomad's values. It
 * survives restarts in the journal, so a restart does not make every old row look new. Thread-safe:
 * the journal thread witnesses, the collector asks.
 */
public final class TimeTable {

  static final long GRANULARITY_MILLIS = 5 * 60_000L;
  static final long LIMIT_MILLIS = 72 * 3_600_000L;

  /** Oldest first: {index, unix millis}. */
  private final ArrayDeque<long[]> entries = new ArrayDeque<>();
  private boolean dirty;

  /** Records that the store was at {@code index} at {@code millis}; returns whether it added an entry. */
  public synchronized boolean witness(long index, long millis) {
    long[] last = entries.peekLast();
    if (last != null && (millis - last[1] < GRANULARITY_MILLIS || index <= last[0])) {
      return false;
    }
    entries.addLast(new long[] {index, millis});
    while (millis - entries.peekFirst()[1] > LIMIT_MILLIS) {
      entries.removeFirst();
    }
    dirty = true;
    return true;
  }

  /** The highest index witnessed at or before {@code millis}; 0 when none was. */
  public synchronized long nearestIndex(long millis) {
    long index = 0;
    for (Iterator<long[]> it = entries.iterator(); it.hasNext(); ) {
      long[] e = it.next();
      if (e[1] > millis) {
        break;
      }
      index = e[0];
    }
    return index;
  }

  /** The entries if they changed since last asked, else null: the journal stores them then. */
  synchronized List<long[]> takeChanged() {
    if (!dirty) {
      return null;
    }
    dirty = false;
    List<long[]> out = new ArrayList<>(entries.size());
    entries.forEach(e -> out.add(e.clone()));
    return out;
  }

  /** Marks the entries unsaved again, after the transaction that stored them was rolled back. */
  synchronized void markChanged() {
    dirty = true;
  }

  synchronized void load(List<long[]> stored) {
    entries.clear();
    stored.forEach(e -> entries.addLast(e.clone()));
  }
}
