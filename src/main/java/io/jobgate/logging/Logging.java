package io.jobgate.logging;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Points {@code java.util.logging} (which {@code System.Logger}, Vert.x and Netty all log through
 * when no other backend is present) at one {@link AsyncConsoleHandler} on standard output, with
 * the configured level and format.
 */
public final class Logging {

  /**
   * jobgate's own loggers, all named {@code jobgate.*}: the configured level applies to them, while
   * libraries (Vert.x, Netty, the JDK) never log below info, so {@code debug} cannot turn on
   * another library's debug output, which may print what jobgate takes care never to print.
   * Held here because {@code java.util.logging} keeps loggers weakly and would forget the level.
   */
  private static final Logger JOBGATE = Logger.getLogger("jobgate");

  private static Handler installed;

  private Logging() {
  }

  /** {@code level} is one of debug, info, warn, error; {@code format} json or logfmt. */
  public static void configure(String level, String format) {
    configure(level, format, new FileOutputStream(FileDescriptor.out));
  }

  public static synchronized void configure(String level, String format, OutputStream out) {
    LogManager.getLogManager().reset();
    Logger root = Logger.getLogger("");
    if (installed != null) {
      installed.close();
    }
    Level l = level(level);
    installed = new AsyncConsoleHandler(out, new LineFormatter(format));
    installed.setLevel(l);
    root.addHandler(installed);
    root.setLevel(l.intValue() < Level.INFO.intValue() ? Level.INFO : l);
    JOBGATE.setLevel(l);
  }

  /** Writes out every line logged so far; call before the process exits. */
  public static synchronized void flush() {
    if (installed != null) {
      installed.flush();
    }
  }

  static Level level(String name) {
    return switch (name) {
      case "debug" -> Level.FINE;
      case "info" -> Level.INFO;
      case "warn" -> Level.WARNING;
      case "error" -> Level.SEVERE;
      default -> throw new IllegalArgumentException("log level " + name);
    };
  }
}
