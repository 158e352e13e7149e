package io.jobgate.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobgate.support.Jobs;
import io.jobgate.support.Scrape;
import io.jobgate.support.TestAgent;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A durable agent's scrape shows its group commits: the Grafana dashboard's journal panels read these. */
class JournalMetersTest {

  @TempDir
  Path dir;

  @Test
  void everyDurableWriteIsCountedInACommitAndEveryCommitHasAnFsync() {
    try (TestAgent a = TestAgent.startDurable(dir)) {
      Scrape before = Scrape.parse(a.get("/metrics").body());
      for (int i = 0; i < 3; i++) {
        assertEquals(200, a.put("/v1/jobs", Jobs.example("web-" + i)).statusCode());
      }
      Scrape after = Scrape.parse(a.get("/metrics").body());
      double writes = after.value("jobgate_journal_commit_seconds_count")
          - before.value("jobgate_journal_commit_seconds_count");
      double batches = after.value("jobgate_journal_batch_commands_count")
          - before.value("jobgate_journal_batch_commands_count");
      double commands = after.value("jobgate_journal_batch_commands_sum")
          - before.value("jobgate_journal_batch_commands_sum");
      assertEquals(3, writes, "one durable write per register, answered only once durable");
      assertEquals(writes, commands, "each write is in exactly one group commit");
      assertTrue(batches >= 1 && batches <= 3, "batches: " + batches);
      assertEquals(batches, after.value("jobgate_journal_fsync_seconds_count")
          - before.value("jobgate_journal_fsync_seconds_count"), "one fsync per group commit");
      assertTrue(after.value("jobgate_journal_fsync_seconds_sum") > 0);
    }
  }
}
