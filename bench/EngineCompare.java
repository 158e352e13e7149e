import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The measurement behind the choice of storage engine (README, "Durability"): 16 writers each
 * commit a 3 KiB row and wait until it is durable; one committer thread batches whatever is
 * queued into one durable write (group commit), as jobgate's journal does. Then a cold read of
 * every row, the cost that bounds restart time. Engines: SQLite (WAL, synchronous=FULL), RocksDB
 * (WriteBatch, sync=true), and a plain append-only file with fsync (what "our own format" would be).
 *
 * Run: bench/engine-compare.sh [ROWS]
 */
public final class EngineCompare {

  interface Engine extends AutoCloseable {
    void commit(List<byte[]> batch, long firstKey) throws Exception;

    long readAll() throws Exception;
  }

  static final int WRITERS = 16;
  static final int ROW = 3072;
  static final long SECONDS = 5;

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("enginecmp");
    int rows = Integer.parseInt(args.length > 0 ? args[0] : "300000");
    for (String name : List.of("sqlite", "rocksdb", "file")) {
      Path d = Files.createDirectories(dir.resolve(name));
      try (Engine e = open(name, d)) {
        long[] r = writeLoad(e);
        System.out.printf("%-8s durable commits/s %7d   mean batch %5.1f%n", name, r[0] / SECONDS, r[0] / (double) r[1]);
      }
      try (Engine e = open(name, d)) {
        fill(e, rows);
      }
      try (Engine e = open(name, d)) {
        long t0 = System.nanoTime();
        long bytes = e.readAll();
        System.out.printf("%-8s read %d MiB in %d ms%n", name, bytes >> 20, (System.nanoTime() - t0) / 1_000_000);
      }
    }
  }

  static Engine open(String name, Path d) throws Exception {
    return switch (name) {
      case "sqlite" -> new Sqlite(d);
      case "rocksdb" -> new Rocks(d);
      default -> new LogFile(d);
    };
  }

  /** Returns {commits, batches}. */
  static long[] writeLoad(Engine e) throws Exception {
    BlockingQueue<CompletableFuture<Void>> queue = new ArrayBlockingQueue<>(WRITERS);
    long deadline = System.nanoTime() + SECONDS * 1_000_000_000L;
    AtomicLong commits = new AtomicLong();
    AtomicLong batches = new AtomicLong();
    byte[] row = new byte[ROW];
    new Random(1).nextBytes(row);
    Thread committer = new Thread(() -> {
      long key = 0;
      List<CompletableFuture<Void>> batch = new ArrayList<>();
      try {
        while (System.nanoTime() < deadline || !queue.isEmpty()) {
          CompletableFuture<Void> first = queue.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
          if (first == null) {
            continue;
          }
          batch.add(first);
          queue.drainTo(batch);
          List<byte[]> rows = new ArrayList<>();
          for (int i = 0; i < batch.size(); i++) {
            rows.add(row);
          }
          e.commit(rows, key);
          key += rows.size();
          batches.incrementAndGet();
          commits.addAndGet(rows.size());
          batch.forEach(f -> f.complete(null));
          batch.clear();
        }
      } catch (Exception ex) {
        throw new RuntimeException(ex);
      }
    });
    committer.start();
    List<Thread> writers = new ArrayList<>();
    for (int i = 0; i < WRITERS; i++) {
      Thread t = new Thread(() -> {
        while (System.nanoTime() < deadline) {
          CompletableFuture<Void> f = new CompletableFuture<>();
          queue.add(f);
          f.join();
        }
      });
      t.start();
      writers.add(t);
    }
    for (Thread t : writers) {
      t.join();
    }
    committer.join();
    return new long[] {commits.get(), batches.get()};
  }

  static void fill(Engine e, int rows) throws Exception {
    byte[] row = new byte[ROW];
    new Random(2).nextBytes(row);
    List<byte[]> batch = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      batch.add(row);
    }
    for (long k = 1_000_000; k < 1_000_000 + rows; k += 1000) {
      e.commit(batch, k);
    }
  }

  static final class Sqlite implements Engine {
    final Connection c;

    Sqlite(Path d) throws Exception {
      c = DriverManager.getConnection("jdbc:sqlite:" + d.resolve("db"));
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("CREATE TABLE IF NOT EXISTS rows(k INTEGER PRIMARY KEY, v BLOB NOT NULL)");
      }
      c.setAutoCommit(false);
    }

    @Override
    public void commit(List<byte[]> batch, long firstKey) throws Exception {
      try (PreparedStatement p = c.prepareStatement("INSERT OR REPLACE INTO rows(k, v) VALUES (?, ?)")) {
        long k = firstKey;
        for (byte[] v : batch) {
          p.setLong(1, k++);
          p.setBytes(2, v);
          p.addBatch();
        }
        p.executeBatch();
      }
      c.commit();
    }

    @Override
    public long readAll() throws Exception {
      long n = 0;
      try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT v FROM rows")) {
        while (r.next()) {
          n += r.getBytes(1).length;
        }
      }
      return n;
    }

    @Override
    public void close() throws Exception {
      c.close();
    }
  }

  static final class Rocks implements Engine {
    final org.rocksdb.RocksDB db;
    final org.rocksdb.WriteOptions sync;

    Rocks(Path d) throws Exception {
      org.rocksdb.RocksDB.loadLibrary();
      sync = new org.rocksdb.WriteOptions().setSync(true);
      db = org.rocksdb.RocksDB.open(new org.rocksdb.Options().setCreateIfMissing(true), d.toString());
    }

    @Override
    public void commit(List<byte[]> batch, long firstKey) throws Exception {
      try (org.rocksdb.WriteBatch b = new org.rocksdb.WriteBatch()) {
        long k = firstKey;
        for (byte[] v : batch) {
          b.put(ByteBuffer.allocate(8).putLong(k++).array(), v);
        }
        db.write(sync, b);
      }
    }

    @Override
    public long readAll() {
      long n = 0;
      try (org.rocksdb.RocksIterator it = db.newIterator()) {
        for (it.seekToFirst(); it.isValid(); it.next()) {
          n += it.value().length;
        }
      }
      return n;
    }

    @Override
    public void close() {
      db.close();
    }
  }

  /** Length-prefixed records appended to one file, fsync per batch; no compaction, no index. */
  static final class LogFile implements Engine {
    final Path file;
    final FileChannel ch;

    LogFile(Path d) throws IOException {
      file = d.resolve("log");
      ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    @Override
    public void commit(List<byte[]> batch, long firstKey) throws IOException {
      ByteBuffer b = ByteBuffer.allocate(batch.size() * (ROW + 12));
      long k = firstKey;
      for (byte[] v : batch) {
        b.putLong(k++).putInt(v.length).put(v);
      }
      b.flip();
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(false);
    }

    @Override
    public long readAll() throws IOException {
      long n = 0;
      try (FileChannel r = FileChannel.open(file)) {
        ByteBuffer head = ByteBuffer.allocate(12);
        while (r.read(head.clear()) == 12) {
          int len = head.flip().getLong(0) >= 0 ? head.getInt(8) : 0;
          ByteBuffer v = ByteBuffer.allocate(len);
          while (v.hasRemaining() && r.read(v) > 0) {
            // fill
          }
          n += len;
        }
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      ch.close();
    }
  }
}
