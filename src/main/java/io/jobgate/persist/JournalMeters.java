package io.jobgate.persist;

import io.jobgate.metrics.Metrics;
import io.jobgate.state.Commit;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
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

  static JournalMeters in(MeterRegistry registry) {
    Duration[] slos = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofSeconds(1)};
    return new JournalMeters(
        Timer.builder(Metrics.JOURNAL_COMMIT)
            .description("From a command's hand-off to the journal until it is durable")
            .serviceLevelObjectives(slos).register(registry),
        Timer.builder(Metrics.JOURNAL_FSYNC)
            .description("One group commit's write-ahead-log append and fsync")
            .serviceLevelObjectives(slos).register(registry),
        DistributionSummary.builder(Metrics.JOURNAL_BATCH).baseUnit("commands")
            .description("Commands made durable by one group commit")
            .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256).register(registry));
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
