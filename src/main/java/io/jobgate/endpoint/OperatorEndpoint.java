package io.jobgate.endpoint;

import io.jobgate.persist.SnapshotArchive;
import io.jobgate.state.StateSnapshot;
import io.jobgate.state.StateStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
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

  public OperatorEndpoint(Vertx vertx, StateStore store) {
    this.vertx = vertx;
    this.store = store;
  }

  /** A saved snapshot: a temporary file the caller sends and deletes, and the index it was taken at. */
  public record Saved(Path file, long index) {
  }

  public Future<Saved> saveSnapshot() {
    StateSnapshot s = store.snapshot();
    return vertx.executeBlocking(() -> {
      Path file = Files.createTempFile("jobgate-snapshot-", ".gz");
      try (OutputStream out = Files.newOutputStream(file)) {
        SnapshotArchive.write(s, out);
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(file);
        throw e;
      }
      return new Saved(file, s.index());
    }, false);
  }

  /** Replaces the whole state with the snapshot in {@code file}; returns the restore's index. */
  public Future<Long> restoreSnapshot(Path file) {
    return vertx.<StateSnapshot>executeBlocking(() -> {
      try (InputStream in = Files.newInputStream(file)) {
        return SnapshotArchive.read(in);
      } catch (IOException e) {
        throw EndpointException.invalid(e.getMessage());
      }
    }, false).compose(store::restore);
  }
}
