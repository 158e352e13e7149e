package io.jobgate.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyAllocatorMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyEventExecutorMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * JVM, process and Netty meters. The ones that matter most for parked watchers: open file
 * descriptors against their limit (every parked query holds one), resident memory (what the
 * container limit is sized on), Netty's buffer memory, and tasks waiting on each event loop (a
 * loop that falls behind shows here before latency does).
 */
public final class RuntimeMeters implements AutoCloseable {

  private static final Path PROC_STATUS = Path.of("/proc/self/status");

  private final JvmGcMetrics gc = new JvmGcMetrics();

  /** Binds every runtime meter; {@code eventLoops} is the event-loop group serving HTTP. */
  public RuntimeMeters(MeterRegistry registry, EventLoopGroup eventLoops) {
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    if (Files.isReadable(PROC_STATUS)) {
      // Prometheus' conventional name; the JVM reports heap and pools, never the whole process.
      Gauge.builder("process.resident.memory", RuntimeMeters::residentBytes)
          .description("Resident set size of the process")
          .baseUnit("bytes")
          .register(registry);
    }
    if (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider allocator) {
      new NettyAllocatorMetrics(allocator).bindTo(registry);
    }
    new NettyEventExecutorMetrics(eventLoops).bindTo(registry);
  }

  /** {@code VmRSS} from {@code /proc/self/status}, in bytes; NaN where it cannot be read. */
  static double residentBytes() {
    try {
      for (String line : Files.readAllLines(PROC_STATUS)) {
        if (line.startsWith("VmRSS:")) {
          String kb = line.substring("VmRSS:".length()).trim().split("\\s+")[0];
          return Long.parseLong(kb) * 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
    return Double.NaN;
  }

  @Override
  public void close() {
    gc.close();
  }
}
