package io.jobgate.logging;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Formats on the caller's thread and writes on its own: an event loop that logs never waits on a
 * slow terminal or pipe. The queue is bounded; when it is full, lines are dropped and counted, and
 * the count is reported in the next line that gets through — losing a debug line beats stalling
 * every parked request on the loop.
 */
final class AsyncConsoleHandler extends Handler {

  private static final int CAPACITY = 16_384;

  private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(CAPACITY);
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong accepted = new AtomicLong();
  private final OutputStream out;
  private final Thread writer;
  private volatile boolean closed;

  AsyncConsoleHandler(OutputStream out, LineFormatter formatter) {
    this.out = out;
    setFormatter(formatter);
    writer = new Thread(this::writeLoop, "jobgate-log-writer");
    writer.setDaemon(true);
    writer.start();
  }

  @Override
  public void publish(LogRecord record) {
    if (closed || !isLoggable(record)) {
      return;
    }
    String line = getFormatter().format(record);
    if (queue.offer(line)) {
      accepted.incrementAndGet();
    } else {
      dropped.incrementAndGet();
    }
  }

  private void writeLoop() {
    List<String> batch = new ArrayList<>(256);
    while (!closed || !queue.isEmpty()) {
      try {
        String first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, 255);
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
          LogRecord r = new Log.FieldsRecord(Level.WARNING, "log lines dropped", new Object[] {"count", lost});
          r.setLoggerName(AsyncConsoleHandler.class.getName());
          out.write(getFormatter().format(r).getBytes(StandardCharsets.UTF_8));
        }
        for (String line : batch) {
          out.write(line.getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
        written.addAndGet(batch.size());
        batch.clear();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (IOException e) {
        // Nowhere left to report it; keep draining so callers never block.
        written.addAndGet(batch.size());
        batch.clear();
      }
    }
  }

  /** Waits (up to a second) until every line accepted so far is written. */
  @Override
  public void flush() {
    long target = accepted.get();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    while (written.get() < target && System.nanoTime() < deadline) {
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public void close() {
    flush();
    closed = true;
  }
}
