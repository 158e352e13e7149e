package io.jobgate.persist;

import static io.jobgate.persist.Fixtures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobgate.state.JobKey;
import io.jobgate.state.StateSnapshot;
import io.jobgate.state.StateStore;
import io.jobgate.structs.Namespace;
import io.jobgate.support.Jobs;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.time.Instant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data dir in process: what a restart reads back, and every way a data dir is refused. */
class DurableStateTest {

  @TempDir
  Path dir;

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    await(vertx.close());
  }

  private StateStore store(DurableState d) {
    return new StateStore(vertx, d.restored(), d.journal());
  }

  /** Runs one statement on the data dir's database, as an operator with {@code sqlite3} would. */
  private void sql(String statement) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("state.db"));
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  @Test
  void aRestartRestoresEveryTableRowAndIndex() {
    StateSnapshot before;
    try (DurableState d = DurableState.open(dir)) {
      StateStore store = store(d);
      Fixtures.populate(store);
      before = store.snapshot();
    }
    try (DurableState d = DurableState.open(dir)) {
      StateSnapshot after = d.restored();
      assertEquals(before.index(), after.index());
      assertEquals(Fixtures.tableIndexes(before), Fixtures.tableIndexes(after));
      assertEquals(Fixtures.rows(before), Fixtures.rows(after));
      assertEquals("blocked", after.eval("blocked-1").status(), "blocked evals come back to be re-queued");
      assertEquals(1, after.allocsByJob(new JobKey("default", "web")).size(), "secondary indexes are rebuilt");
      assertEquals(2, after.jobVersions(new JobKey("default", "web")).size());
      assertEquals("accessor-2", after.acl().tokenBySecret("secret-2").accessorId(), "ACL tokens, found by secret");
      assertEquals(Instant.parse("2024-05-01T02:00:00Z"), after.periodicLaunch(new JobKey("default", "nightly")).launch());
      StateStore store = store(d);
      Fixtures.register(store, Jobs.example("next"));
      assertTrue(store.snapshot().job(new JobKey("default", "next")).createIndex() > before.index(),
          "the next index is above every index handed out before the restart");
    }
  }

  @Test
  void theTimeTableSurvivesARestartSoOldRowsStayOld() {
    long index;
    try (DurableState d = DurableState.open(dir)) {
      StateStore store = store(d);
      Fixtures.register(store, Jobs.example("a"));
      Fixtures.register(store, Jobs.example("b"));
      index = store.snapshot().index();
      assertTrue(d.timeTable().nearestIndex(System.currentTimeMillis()) > 0, "the journal witnessed its commits");
    }
    try (DurableState d = DurableState.open(dir)) {
      long restored = d.timeTable().nearestIndex(System.currentTimeMillis());
      assertTrue(restored > 0 && restored <= index, "restored " + restored);
    }
  }

  @Test
  void aTornWalTailLosesOnlyTheWriteThatWasNeverFinished() throws IOException {
    Path crash = dir.resolve("crash");
    long lastIndex;
    try (DurableState d = DurableState.open(dir.resolve("live"))) {
      StateStore store = store(d);
      for (int i = 0; i < 5; i++) {
        Fixtures.register(store, Jobs.example("job-" + i));
      }
      lastIndex = store.snapshot().index();
      // What a kill -9 leaves: the files as they are on disk while the agent runs.
      Files.createDirectories(crash);
      for (String f : new String[] {"state.db", "state.db-wal"}) {
        Files.copy(dir.resolve("live").resolve(f), crash.resolve(f), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Path wal = crash.resolve("state.db-wal");
    try (RandomAccessFile f = new RandomAccessFile(wal.toFile(), "rw")) {
      f.setLength(f.length() - 100);
    }
    try (DurableState d = DurableState.open(crash)) {
      StateSnapshot s = d.restored();
      assertNotNull(s.job(new JobKey("default", "job-3")));
      assertNull(s.job(new JobKey("default", "job-4")), "the torn transaction is dropped whole");
      assertEquals(lastIndex - 2, s.index(), "job-4's register and eval are both gone, nothing else");
    }
  }

  @Test
  void garbageAfterTheWalTailIsIgnored() throws IOException {
    try (DurableState d = DurableState.open(dir.resolve("live"))) {
      StateStore store = store(d);
      Fixtures.register(store, Jobs.example("a"));
      Path crash = Files.createDirectories(dir.resolve("crash"));
      for (String f : new String[] {"state.db", "state.db-wal"}) {
        Files.copy(dir.resolve("live").resolve(f), crash.resolve(f));
      }
      Files.write(crash.resolve("state.db-wal"), new byte[5000], java.nio.file.StandardOpenOption.APPEND);
    }
    try (DurableState d = DurableState.open(dir.resolve("crash"))) {
      assertNotNull(d.restored().job(new JobKey("default", "a")));
    }
  }

  @Test
  void aDamagedDatabaseStopsTheAgentWithAClearMessage() throws IOException {
    try (DurableState d = DurableState.open(dir)) {
      StateStore store = store(d);
      for (int i = 0; i < 20; i++) {
        Fixtures.register(store, Jobs.example("job-" + i));
      }
    }
    Path db = dir.resolve("state.db");
    try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) {
      f.seek(f.length() / 2);
      f.write(new byte[4096]);
    }
    DataDirException e = assertThrows(DataDirException.class, () -> DurableState.open(dir));
    assertTrue(e.getMessage().startsWith("data dir " + dir + ": state.db is damaged ("), e.getMessage());

    try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) {
      f.write("not a database at all".getBytes());
    }
    e = assertThrows(DataDirException.class, () -> DurableState.open(dir));
    assertTrue(e.getMessage().contains("is damaged"), e.getMessage());
  }

  @Test
  void aMissingDatabaseBesideItsLogIsRefusedNotStartedEmpty() throws IOException {
    try (DurableState d = DurableState.open(dir.resolve("live"))) {
      Fixtures.register(store(d), Jobs.example("a"));
      Files.createDirectories(dir.resolve("crash"));
      Files.copy(dir.resolve("live/state.db-wal"), dir.resolve("crash/state.db-wal"));
    }
    DataDirException e = assertThrows(DataDirException.class, () -> DurableState.open(dir.resolve("crash")));
    assertTrue(e.getMessage().contains("state.db is missing but its write-ahead log is there"), e.getMessage());
  }

  @Test
  void aDataDirFromANewerJobgateIsRefused() throws Exception {
    DurableState.open(dir).close();
    sql("UPDATE meta SET value = '3' WHERE name = 'format_version'");
    DataDirException e = assertThrows(DataDirException.class, () -> DurableState.open(dir));
    assertEquals("data dir " + dir + " was written by a newer jobgate (store format 3; this build reads format 2); "
        + "run the newer jobgate", e.getMessage());
  }

  @Test
  void rowsInAnOlderRecordLayoutAreReadByNameAndRewrittenInTheCurrentOne() throws Exception {
    try (DurableState d = DurableState.open(dir)) {
      await(store(d).write(w -> {
        w.acl().upsertNamespace(w.nextIndex(), new Namespace("team-a", "a team", 0, 0));
        return null;
      }));
    }
    // As if an older build had declared Namespace's two strings the other way round.
    String swapped = "[\"description\",\"name\",\"createIndex\",\"modifyIndex\"]";
    sql("UPDATE meta SET value = json_set(value, '$.Namespace', json('" + swapped + "')) WHERE name = 'layouts'");
    try (DurableState d = DurableState.open(dir)) {
      Namespace n = d.restored().acl().namespace("a team");
      assertEquals("team-a", n.description(), "each stored component went to the component of its name");
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("state.db"));
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT json_extract(value, '$.Namespace') FROM meta WHERE name = 'layouts'")) {
      assertTrue(r.next());
      assertEquals("[\"name\",\"description\",\"createIndex\",\"modifyIndex\"]", r.getString(1),
          "the rows were rewritten in the current layout, and the layout recorded");
    }
    try (DurableState d = DurableState.open(dir)) {
      assertEquals("team-a", d.restored().acl().namespace("a team").description());
    }
  }

  @Test
  void aDataDirInTheDevelopmentFormatOneIsRefusedWithTheWayOut() throws Exception {
    DurableState.open(dir).close();
    sql("UPDATE meta SET value = '1' WHERE name = 'format_version'");
    DataDirException e = assertThrows(DataDirException.class, () -> DurableState.open(dir));
    assertTrue(e.getMessage().startsWith("data dir " + dir + " was written by a development build of jobgate (store "
        + "format 1, which this build does not read); save a snapshot with that build"), e.getMessage());
  }

  @Test
  void aSecondAgentOnTheSameDataDirIsRefused() {
    try (DurableState first = DurableState.open(dir)) {
      DataDirException e = assertThrows(DataDirException.class, () -> DurableState.open(dir));
      assertTrue(e.getMessage().startsWith("data dir " + dir + " is in use by another jobgate agent"), e.getMessage());
    }
    DurableState.open(dir).close();
  }

  @Test
  void aReadOnlyDataDirIsRefusedAndNothingIsLost() throws Exception {
    try (DurableState d = DurableState.open(dir)) {
      Fixtures.register(store(d), Jobs.example("kept"));
    }
    // Root ignores permission bits; the immutable attribute refuses even root, like a read-only mount.
    org.junit.jupiter.api.Assumptions.assumeTrue(run("chattr", "+i", dir.toString()) == 0, "chattr unavailable");
    try {
      DataDirException e = assertThrows(DataDirException.class, () -> DurableState.open(dir));
      assertTrue(e.getMessage().startsWith("data dir " + dir + " is not writable"), e.getMessage());
    } finally {
      run("chattr", "-i", dir.toString());
    }
    try (DurableState d = DurableState.open(dir)) {
      assertNotNull(d.restored().job(new JobKey("default", "kept")));
    }
  }

  @Test
  void aFullDiskFailsTheWriteKeepsWhatWasAcknowledgedAndRecovers() throws Exception {
    Path mount = Files.createDirectories(dir.resolve("small"));
    org.junit.jupiter.api.Assumptions.assumeTrue(
        run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount.toString()) == 0, "cannot mount a tmpfs");
    try {
      Path data = mount.resolve("data");
      int acknowledged = 0;
      try (DurableState d = DurableState.open(data)) {
        StateStore store = store(d);
        Path ballast = mount.resolve("ballast");
        RuntimeException failure = null;
        try (RandomAccessFile f = new RandomAccessFile(ballast.toFile(), "rw")) {
          byte[] mb = new byte[64 * 1024];
          while (true) {
            try {
              f.write(mb);
            } catch (IOException full) {
              break;
            }
          }
        }
        for (int i = 0; i < 200 && failure == null; i++) {
          try {
            Fixtures.register(store, Jobs.example("job-" + i));
            acknowledged++;
          } catch (IllegalStateException e) {
            failure = e;
          }
        }
        assertNotNull(failure, "the disk never filled");
        assertTrue(failure.getCause().getCause().getMessage().contains("write not made durable"),
            failure.getCause().getCause().getMessage());
        assertNull(store.snapshot().job(new JobKey("default", "job-" + acknowledged)), "a failed write is invisible");
        Files.delete(ballast);
        Fixtures.register(store, Jobs.example("after"));
      }
      try (DurableState d = DurableState.open(data)) {
        for (int i = 0; i < acknowledged; i++) {
          assertNotNull(d.restored().job(new JobKey("default", "job-" + i)), "job-" + i);
        }
        assertNull(d.restored().job(new JobKey("default", "job-" + acknowledged)));
        assertNotNull(d.restored().job(new JobKey("default", "after")));
      }
    } finally {
      run("umount", mount.toString());
    }
  }

  private static int run(String... command) throws Exception {
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start().waitFor();
  }
}
