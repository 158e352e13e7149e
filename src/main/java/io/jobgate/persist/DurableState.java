package io.jobgate.persist;

import io.jobgate.metrics.Metrics;
import io.jobgate.state.Journal;
import io.jobgate.state.StateSnapshot;
import java.nio.file.Path;

/**
 * An agent's durable state, opened: the claimed data directory, the state read back from it and
 * the journal that keeps it. Opening refuses, with a {@link DataDirException} naming the problem,
 * a directory that is in use, not writable, damaged or from a newer jobgate: it never starts empty
 * over data it could not read.
 */
public final class DurableState implements AutoCloseable {

  private final DataDir dir;
  private final SqliteJournal journal;
  private final StateSnapshot restored;
  private final TimeTable timeTable;

  private DurableState(DataDir dir, SqliteJournal journal, StateSnapshot restored, TimeTable timeTable) {
    this.dir = dir;
    this.journal = journal;
    this.restored = restored;
    this.timeTable = timeTable;
  }

  public static DurableState open(Path path) {
    DataDir dir = DataDir.claim(path);
    try {
      TimeTable timeTable = new TimeTable();
      SqliteJournal journal = SqliteJournal.open(path, timeTable);
      try {
        return new DurableState(dir, journal, journal.load(), timeTable);
      } catch (RuntimeException e) {
        journal.close();
        throw e;
      }
    } catch (RuntimeException e) {
      dir.close();
      throw e;
    }
  }

  /** The state as of the last durable write: every table, row and index. */
  public StateSnapshot restored() {
    return restored;
  }

  public Journal journal() {
    return journal;
  }

  /** Reports the journal's group commits to {@code metrics} (the {@code jobgate_journal_*} meters). */
  public void meter(Metrics metrics) {
    journal.meter(JournalMeters.in(metrics));
  }

  /** Index-by-time history for garbage collection, as restored and kept up by the journal. */
  public TimeTable timeTable() {
    return timeTable;
  }

  /** Closes the journal and releases the directory; call once no write can reach the journal. */
  @Override
  public void close() {
    journal.close();
    dir.close();
  }
}
