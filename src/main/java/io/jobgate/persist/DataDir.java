package io.jobgate.persist;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The agent's claim on its data directory: checked usable and locked for as long as the agent
 * runs, so a second agent on the same directory is refused instead of interleaving its writes.
 * The lock is the operating system's, so a killed agent releases it with its process.
 */
final class DataDir implements AutoCloseable {

  static final String LOCK_FILE = "LOCK";

  final Path dir;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private DataDir(Path dir, FileChannel lockChannel, FileLock lock) {
    this.dir = dir;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  static DataDir claim(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new DataDirException("data dir " + dir + " cannot be created: " + e);
    }
    probeWritable(dir);
    Path lockFile = dir.resolve(LOCK_FILE);
    FileChannel ch;
    try {
      ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new DataDirException("data dir " + dir + ": cannot open " + lockFile + ": " + e);
    }
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (OverlappingFileLockException | IOException e) {
      lock = null;
    }
    if (lock == null) {
      closeQuietly(ch);
      throw new DataDirException("data dir " + dir + " is in use by another jobgate agent (" + lockFile
          + " is locked); stop that agent or choose another -data-dir");
    }
    return new DataDir(dir, ch, lock);
  }

  /**
   * Permission bits say nothing to root, and nothing about a read-only mount: only creating a
   * file tells whether the directory takes writes.
   */
  private static void probeWritable(Path dir) {
    try {
      Path probe = Files.createTempFile(dir, ".probe", null);
      Files.delete(probe);
    } catch (IOException e) {
      throw new DataDirException("data dir " + dir + " is not writable: " + e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // closing the channel releases it too
    }
    closeQuietly(lockChannel);
  }

  private static void closeQuietly(FileChannel ch) {
    try {
      ch.close();
    } catch (IOException ignored) {
      // nothing left to release
    }
  }
}
