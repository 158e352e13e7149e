package io.jobgate.state;

import java.util.Set;

/**
 * What one committed write changed: published once on the event bus after the new snapshot is
 * visible. {@code restored} marks a snapshot restore, after which every watcher must re-check.
 * {@code commitNanos} ({@link System#nanoTime()}) lets listeners measure how long a wake took.
 */
public record StateChange(long index, Set<Table> tables, Set<WatchKey> keys, boolean restored, long commitNanos) {

  public static final String ADDRESS = "jobgate.state.change";
}
