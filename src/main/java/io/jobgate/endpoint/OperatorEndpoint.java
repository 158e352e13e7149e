package io.jobgate.endpoint;

import io.jobgate.persist.SnapshotArchive;
import io.jobgate.state.StateSnapshot;
import io.jobgate.state.StateStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.FileSystem;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.streams.ReadStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Operator snapshots (Nomad 1.x's {@code Operator.SnapshotSave/SnapshotRestore}): the whole state
 * to a file and back. Encoding and decoding run on worker threads; the snapshot taken is the
 * immutable current one, so saving never stops writes, and a restore replaces the state in one
 * durable write.
 */
public final class OperatorEndpoint {

  private final Vertx vertx;
  private final StateStore store;
  private final Path scratch;

  /**
   * {@code scratch} holds snapshot files while they are sent or received: the data dir when there
   * is one, since a snapshot is as large as the state and {@code /tmp} is often small (Kubernetes).
   */
  public OperatorEndpoint(Vertx vertx, StateStore store, Path scratch) {
    this.vertx = vertx;
    this.store = store;
    this.scratch = scratch;
  }

  /** A saved snapshot: a temporary file the caller sends and deletes, and the index it was taken at. */
  public record Saved(Path file, long index) {
  }

  public Future<Saved> saveSnapshot() {
    StateSnapshot s = store.snapshot();
    return vertx.executeBlocking(() -> {
      Path file = Files.createTempFile(scratch, "snapshot-save-", ".tmp");
      try (OutputStream out = Files.newOutputStream(file)) {
        SnapshotArchive.write(s, out);
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(file);
        throw e;
      }
      return new Saved(file, s.index());
    }, false);
  }

  /**
   * Replaces the whole state with the snapshot {@code upload} carries, once it has arrived whole
   * and been read without fault; returns the restore's index.
   */
  public Future<Long> restoreSnapshot(ReadStream<Buffer> upload) {
    FileSystem fs = vertx.fileSystem();
    return fs.createTempFile(scratch.toString(), "snapshot-restore-", ".tmp", (String) null)
        .compose(path -> fs.open(path, new OpenOptions().setWrite(true))
            .compose(upload::pipeTo)
            .compose(v -> vertx.<StateSnapshot>executeBlocking(() -> read(Path.of(path)), false))
            .compose(store::restore)
            .andThen(ar -> fs.delete(path)));
  }

  private static StateSnapshot read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return SnapshotArchive.read(in);
    } catch (IOException e) {
      throw EndpointException.invalid(e.getMessage());
    }
  }
}
