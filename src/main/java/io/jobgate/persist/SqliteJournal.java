package io.jobgate.persist;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jobgate.state.Commit;
import io.jobgate.state.Journal;
import io.jobgate.state.RowChange;
import io.jobgate.state.SnapshotRows;
import io.jobgate.state.StateSnapshot;
import io.jobgate.state.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * The store's journal: SQLite in WAL mode with {@code synchronous=FULL}, so a transaction is on
 * disk (the WAL fsynced) before {@link #write} returns, and a torn or corrupt WAL tail is cut off
 * by SQLite's frame checksums on the next open, losing only transactions never acknowledged.
 *
 * <p>The database holds the current rows, not a log to replay: {@code rows(tbl, key, value)} with
 * each value the row's record in {@link BinaryCodec}'s format, and {@code meta} with the format
 * version, the record layouts the rows are written in, the global index, the table indexes and the
 * {@link TimeTable}. A restart reads it in one scan.
 */
final class SqliteJournal implements Journal, AutoCloseable {

  static final String DB_FILE = "state.db";
  /**
   * Bump when the layout changes incompatibly; a newer file is refused, never misread. Records
   * gaining or losing components is not such a change: rows are read by the stored layouts.
   */
  static final int FORMAT_VERSION = 2;
  /** Format 1 stored rows as Smile documents; no release wrote it, so it is refused, not converted. */
  private static final int OLDEST_READABLE = 2;

  private static final ObjectMapper META_JSON = new ObjectMapper();
  /** Rows decoded per task on restart: large enough to amortise the hand-off, small enough to spread. */
  private static final int DECODE_CHUNK = 1024;

  private final Path dir;
  private final Connection db;
  private final TimeTable timeTable;
  private volatile JournalMeters meters = JournalMeters.NONE;

  private SqliteJournal(Path dir, Connection db, TimeTable timeTable) {
    this.dir = dir;
    this.db = db;
    this.timeTable = timeTable;
  }

  /** Opens (or creates) the journal in {@code dir}, which the caller has claimed. */
  static SqliteJournal open(Path dir, TimeTable timeTable) {
    Path file = dir.resolve(DB_FILE);
    if (!Files.exists(file) && Files.exists(dir.resolve(DB_FILE + "-wal"))) {
      // SQLite would start a new, empty database beside the orphaned log of the lost one.
      throw new DataDirException("data dir " + dir + ": " + DB_FILE + " is missing but its write-ahead log is "
          + "there; the agent will not start empty over it. Restore " + DB_FILE + ", or move the data dir away");
    }
    Connection db;
    try {
      db = DriverManager.getConnection("jdbc:sqlite:" + file);
    } catch (SQLException e) {
      throw new DataDirException("data dir " + dir + ": cannot open " + file + ": " + e.getMessage(), e);
    }
    SqliteJournal journal = new SqliteJournal(dir, db, timeTable);
    try {
      journal.prepare();
    } catch (SQLException | IOException | RuntimeException e) {
      journal.close();
      if (e instanceof DataDirException d) {
        throw d;
      }
      throw journal.damaged(e);
    }
    return journal;
  }

  private DataDirException damaged(Exception cause) {
    Throwable root = cause;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return new DataDirException("data dir " + dir + ": " + DB_FILE + " is damaged (" + root.getMessage()
        + "); the agent will not start on it. Move the data dir away, start on an empty one and load a saved "
        + "snapshot with `jobgate operator snapshot restore FILE`", cause);
  }

  private void prepare() throws SQLException, IOException {
    try (Statement s = db.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("PRAGMA synchronous=FULL");
      boolean fresh = !exists(s, "meta") && !exists(s, "rows") && nothingElse(s);
      if (fresh) {
        s.execute("BEGIN IMMEDIATE");
        s.execute("CREATE TABLE meta(name TEXT PRIMARY KEY, value TEXT NOT NULL)");
        // A rowid table: values are kilobytes, and WITHOUT ROWID stores large rows poorly.
        s.execute("CREATE TABLE rows(tbl TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL, "
            + "PRIMARY KEY (tbl, key))");
        putMeta("format_version", Integer.toString(FORMAT_VERSION));
        putMeta("layouts", META_JSON.writeValueAsString(RowCodec.layouts()));
        putMeta("index", "0");
        putMeta("table_indexes", "{}");
        s.execute("COMMIT");
        return;
      }
      String version = meta("format_version");
      if (version == null) {
        throw new IOException("no format version recorded");
      }
      if (Integer.parseInt(version) > FORMAT_VERSION) {
        throw new DataDirException("data dir " + dir + " was written by a newer jobgate (store format " + version
            + "; this build reads format " + FORMAT_VERSION + "); run the newer jobgate");
      }
      if (Integer.parseInt(version) < OLDEST_READABLE) {
        throw new DataDirException("data dir " + dir + " was written by a development build of jobgate (store format "
            + version + ", which this build does not read); save a snapshot with that build (`jobgate operator "
            + "snapshot save FILE`), then start this one on an empty data dir and restore it");
      }
    }
  }

  private static boolean exists(Statement s, String table) throws SQLException {
    try (ResultSet r = s.executeQuery("SELECT 1 FROM sqlite_master WHERE type='table' AND name='" + table + "'")) {
      return r.next();
    }
  }

  /** A file with some tables but not ours is not a fresh one to initialise over. */
  private static boolean nothingElse(Statement s) throws SQLException {
    try (ResultSet r = s.executeQuery("SELECT count(*) FROM sqlite_master")) {
      return r.next() && r.getInt(1) == 0;
    }
  }

  private String meta(String name) throws SQLException {
    try (PreparedStatement p = db.prepareStatement("SELECT value FROM meta WHERE name = ?")) {
      p.setString(1, name);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? r.getString(1) : null;
      }
    }
  }

  private void putMeta(String name, String value) throws SQLException {
    try (PreparedStatement p = db.prepareStatement("INSERT OR REPLACE INTO meta(name, value) VALUES (?, ?)")) {
      p.setString(1, name);
      p.setString(2, value);
      p.executeUpdate();
    }
  }

  /**
   * Reads the whole state back; rows are decoded in parallel, as decoding, not the disk, bounds
   * restart. Rows stored in older record layouts are rewritten in the current ones before the
   * agent serves, so every row on disk is in the layouts {@code meta} names.
   */
  synchronized StateSnapshot load() {
    try {
      long index = Long.parseLong(meta("index"));
      Map<String, Long> byName = META_JSON.readValue(meta("table_indexes"), new TypeReference<Map<String, Long>>() { });
      long[] tableIndexes = new long[Table.values().length];
      for (Map.Entry<String, Long> e : byName.entrySet()) {
        tableIndexes[RowCodec.table(e.getKey()).ordinal()] = e.getValue();
      }
      String tt = meta("time_table");
      if (tt != null) {
        timeTable.load(META_JSON.readValue(tt, new TypeReference<List<long[]>>() { }));
      }
      Map<String, List<String>> layouts = META_JSON.readValue(meta("layouts"),
          new TypeReference<Map<String, List<String>>>() { });
      BinaryCodec.Reader reader = RowCodec.reader(layouts, true);
      // Every core decodes while this thread reads (the common pool would leave one core idle).
      int threads = Runtime.getRuntime().availableProcessors();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      // Reading runs ahead of decoding only a little: raw rows then die young instead of piling
      // up (hundreds of MB) for the garbage collector to copy.
      Semaphore ahead = new Semaphore(2 * threads);
      try {
        List<CompletableFuture<List<RowChange>>> chunks = new ArrayList<>();
        // Keys are not read: every row's value carries its key, and the snapshot is built from values.
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT rowid, tbl, value FROM rows")) {
          List<Object[]> chunk = new ArrayList<>(DECODE_CHUNK);
          while (r.next()) {
            chunk.add(new Object[] {r.getLong(1), r.getString(2), r.getBytes(3)});
            if (chunk.size() == DECODE_CHUNK) {
              ahead.acquireUninterruptibly();
              chunks.add(decodeAsync(chunk, pool, reader).whenComplete((rows, e) -> ahead.release()));
              chunk = new ArrayList<>(DECODE_CHUNK);
            }
          }
          chunks.add(decodeAsync(chunk, pool, reader));
        }
        List<RowChange> rows = new ArrayList<>();
        for (CompletableFuture<List<RowChange>> c : chunks) {
          rows.addAll(c.join());
        }
        StateSnapshot restored = SnapshotRows.build(index, tableIndexes, rows);
        if (reader.translates()) {
          // Written again as a whole, as an operator snapshot restore is: every row in the current layouts.
          write(List.of(new Commit(restored, List.of(), true)));
        }
        return restored;
      } finally {
        pool.shutdown();
      }
    } catch (SQLException | IOException | RuntimeException e) {
      throw damaged(e);
    }
  }

  private static CompletableFuture<List<RowChange>> decodeAsync(List<Object[]> raw, ExecutorService pool,
      BinaryCodec.Reader reader) {
    return CompletableFuture.supplyAsync(() -> {
      List<RowChange> out = new ArrayList<>(raw.size());
      for (Object[] r : raw) {
        try {
          Table t = RowCodec.table((String) r[1]);
          out.add(new RowChange(t, null, RowCodec.decode(t, (byte[]) r[2], reader)));
        } catch (IOException e) {
          throw new IllegalStateException(new IOException("row " + r[0] + " of table " + r[1] + " cannot be read: "
              + e.getMessage(), e));
        }
      }
      return out;
    }, pool);
  }

  /** Where group commits report their size, fsync time and latency from now on. */
  void meter(JournalMeters m) {
    meters = m;
  }

  @Override
  public synchronized void write(List<Commit> batch) throws SQLException {
    List<long[]> times = timeTable.takeChanged();
    StateSnapshot last = batch.get(batch.size() - 1).after();
    // Transactions are begun and ended here, not by the driver: after SQLITE_FULL or SQLITE_IOERR
    // SQLite may have rolled back on its own, and the driver would then run the next batch's
    // statements outside any transaction, each committed alone.
    try (Statement s = db.createStatement()) {
      s.execute("BEGIN IMMEDIATE");
      writeRows(batch);
      putMeta("index", Long.toString(last.index()));
      putMeta("table_indexes", tableIndexes(last));
      if (times != null) {
        putMeta("time_table", META_JSON.writeValueAsString(times));
      }
      long syncStart = System.nanoTime();
      // The WAL append and its fsync (synchronous=FULL) both happen here.
      s.execute("COMMIT");
      meters.committed(batch, System.nanoTime() - syncStart);
    } catch (SQLException | IOException | RuntimeException e) {
      rollBack();
      if (times != null) {
        timeTable.markChanged();
      }
      throw e instanceof SQLException s ? s : new SQLException(e.getMessage(), e);
    }
    timeTable.witness(last.index(), System.currentTimeMillis());
  }

  private void writeRows(List<Commit> batch) throws SQLException, IOException {
    // Within a batch only a row's last value matters; later writes of the same row replace earlier ones.
    Map<RowId, Object> rows = new LinkedHashMap<>();
    boolean replaceAll = false;
    for (Commit c : batch) {
      if (c.replacesAll()) {
        replaceAll = true;
        rows.clear();
        SnapshotRows.forEach(c.after(), r -> rows.put(new RowId(r.table(), r.key()), r.value()));
      } else {
        for (RowChange r : c.rows()) {
          rows.put(new RowId(r.table(), r.key()), r.value());
        }
      }
    }
    try (Statement s = db.createStatement();
        PreparedStatement upsert = db.prepareStatement("INSERT OR REPLACE INTO rows(tbl, key, value) VALUES (?, ?, ?)");
        PreparedStatement delete = db.prepareStatement("DELETE FROM rows WHERE tbl = ? AND key = ?")) {
      if (replaceAll) {
        s.execute("DELETE FROM rows");
        // Every row is written again below, so all of them are in the current layouts.
        putMeta("layouts", META_JSON.writeValueAsString(RowCodec.layouts()));
      }
      for (Map.Entry<RowId, Object> e : rows.entrySet()) {
        RowId id = e.getKey();
        if (e.getValue() == null) {
          delete.setString(1, id.table().wireName());
          delete.setString(2, id.key());
          delete.addBatch();
        } else {
          upsert.setString(1, id.table().wireName());
          upsert.setString(2, id.key());
          upsert.setBytes(3, RowCodec.encode(id.table(), e.getValue()));
          upsert.addBatch();
        }
      }
      delete.executeBatch();
      upsert.executeBatch();
    }
  }

  private static String tableIndexes(StateSnapshot s) throws IOException {
    Map<String, Long> byName = new HashMap<>();
    for (Table t : Table.values()) {
      byName.put(t.wireName(), s.tableIndex(t));
    }
    return META_JSON.writeValueAsString(byName);
  }

  private void rollBack() {
    try (Statement s = db.createStatement()) {
      s.execute("ROLLBACK");
    } catch (SQLException e) {
      // "no transaction is active": SQLite rolled back by itself, as it does on some errors.
    }
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException ignored) {
      // closing anyway; SQLite recovers from the WAL on the next open
    }
  }

  private record RowId(Table table, String key) {
  }
}
