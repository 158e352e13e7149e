package io.jobgate.state;

import java.util.List;

/**
 * One committed write as the journal sees it: the rows it changed (in commit order) and the state
 * after it, which carries the global and per-table indexes. A restore ({@code replacesAll}) has no
 * row list: the journal replaces everything with the rows of {@code after}.
 */
public record Commit(StateSnapshot after, List<RowChange> rows, boolean replacesAll) {
}
