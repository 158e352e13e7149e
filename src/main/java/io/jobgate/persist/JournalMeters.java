package io.jobgate.persist;

import io.jobgate.metrics.Metrics;
import io.jobgate.state.Commit;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The journal's meters: how many commands each group commit carried, its fsync, and each command's wait. */
final class JournalMeters {

  static final JournalMeters NONE = new JournalMeters(null, null, null);

  private final Timer commit;
  private final Timer fsync;
  private final DistributionSummary batch;

  private JournalMeters(Timer commit, Timer fsync, DistributionSummary batch) {
    this.commit = commit;
    this.fsync = fsync;
    this.batch = batch;
  }

  static JournalMeters in(Metrics metrics) {
    return new JournalMeters(
        metrics.latency(Metrics.JOURNAL_COMMIT, "From a command's hand-off to the journal until it is durable"),
        metrics.latency(Metrics.JOURNAL_FSYNC, "One group commit's write-ahead-log append and fsync"),
        DistributionSummary.builder(Metrics.JOURNAL_BATCH).baseUnit("commands")
            .description("Commands made durable by one group commit")
            .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256).register(metrics.registry()));
  }

  void committed(List<Commit> commits, long fsyncNanos) {
    if (commit == null) {
      return;
    }
    long now = System.nanoTime();
    fsync.record(fsyncNanos, TimeUnit.NANOSECONDS);
    batch.record(commits.size());
    for (Commit c : commits) {
      commit.record(now - c.queuedNanos(), TimeUnit.NANOSECONDS);
    }
  }
}
