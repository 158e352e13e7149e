package io.jobgate.logging;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * A structured logger over {@code java.util.logging}: a message plus key/value pairs, rendered
 * by {@link LineFormatter} as one JSON object or one logfmt line. Keys are plain words
 * ({@code route}, {@code status}); values are never request headers, so a token cannot reach a log.
 */
public final class Log {

  private final Logger logger;

  private Log(Logger logger) {
    this.logger = logger;
  }

  public static Log get(String name) {
    return new Log(Logger.getLogger(name));
  }

  public boolean debugEnabled() {
    return logger.isLoggable(Level.FINE);
  }

  /** {@code fields} alternate keys and values: {@code "route", "/v1/jobs", "status", 200}. */
  public void debug(String message, Object... fields) {
    log(Level.FINE, message, null, fields);
  }

  public void info(String message, Object... fields) {
    log(Level.INFO, message, null, fields);
  }

  public void warn(String message, Object... fields) {
    log(Level.WARNING, message, null, fields);
  }

  public void error(String message, Throwable failure, Object... fields) {
    log(Level.SEVERE, message, failure, fields);
  }

  private void log(Level level, String message, Throwable failure, Object[] fields) {
    if (!logger.isLoggable(level)) {
      return;
    }
    if ((fields.length & 1) != 0) {
      throw new IllegalArgumentException("log fields come in key/value pairs: " + fields.length + " given");
    }
    FieldsRecord r = new FieldsRecord(level, message, fields);
    r.setLoggerName(logger.getName());
    r.setThrown(failure);
    logger.log(r);
  }

  /** A record that carries its key/value pairs apart from the message, for the formatter. */
  static final class FieldsRecord extends LogRecord {
    private static final long serialVersionUID = 1L;

    final transient Object[] fields;

    FieldsRecord(Level level, String message, Object[] fields) {
      super(level, message);
      this.fields = fields;
    }
  }
}
