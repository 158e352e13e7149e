package io.jobgate.state;

import java.util.List;

/**
 * One committed write as the journal sees it: the rows it changed (in commit order) and the state
 * after it, which carries the global and per-table indexes. A restore ({@code replacesAll}) has no
 * row list: the journal replaces everything with the rows of {@code after}. {@code queuedNanos}
 * ({@link System#nanoTime()}) is when the writer handed it on, for the journal's commit latency.
 */
public record Commit(StateSnapshot after, List<RowChange> rows, boolean replacesAll, long queuedNanos) {

  public Commit(StateSnapshot after, List<RowChange> rows, boolean replacesAll) {
    this(after, rows, replacesAll, System.nanoTime());
  }
}
