package io.jobgate.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * One line per event, as JSON ({@code {"time":…,"level":"info","logger":…,"msg":…,"route":…}}) or
 * logfmt ({@code time=… level=info logger=… msg=… route=…}). Records from other libraries (Vert.x,
 * Netty) log through here too, with their message formatted and no fields.
 */
final class LineFormatter extends Formatter {

  private final boolean json;

  LineFormatter(String format) {
    this.json = "json".equals(format);
  }

  @Override
  public String format(LogRecord r) {
    StringBuilder sb = new StringBuilder(256);
    if (json) {
      sb.append('{');
    }
    field(sb, "time", Instant.ofEpochMilli(r.getMillis()).toString(), true);
    field(sb, "level", levelName(r.getLevel()), false);
    field(sb, "logger", r.getLoggerName(), false);
    field(sb, "msg", r instanceof Log.FieldsRecord ? r.getMessage() : formatMessage(r), false);
    if (r instanceof Log.FieldsRecord fr) {
      for (int i = 0; i < fr.fields.length; i += 2) {
        field(sb, String.valueOf(fr.fields[i]), fr.fields[i + 1], false);
      }
    }
    if (r.getThrown() != null) {
      field(sb, "error", String.valueOf(r.getThrown()), false);
      StringWriter trace = new StringWriter();
      r.getThrown().printStackTrace(new PrintWriter(trace));
      field(sb, "stack", trace.toString(), false);
    }
    if (json) {
      sb.append('}');
    }
    return sb.append('\n').toString();
  }

  static String levelName(Level level) {
    int v = level.intValue();
    if (v >= Level.SEVERE.intValue()) {
      return "error";
    } else if (v >= Level.WARNING.intValue()) {
      return "warn";
    } else if (v >= Level.INFO.intValue()) {
      return "info";
    }
    return "debug";
  }

  private void field(StringBuilder sb, String key, Object value, boolean first) {
    if (!first) {
      sb.append(json ? ',' : ' ');
    }
    if (json) {
      quoteJson(sb, key);
      sb.append(':');
      if (value instanceof Number || value instanceof Boolean) {
        sb.append(value);
      } else {
        quoteJson(sb, String.valueOf(value));
      }
    } else {
      sb.append(key).append('=');
      logfmtValue(sb, String.valueOf(value));
    }
  }

  private static void quoteJson(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  /** Bare when it can be, else a quoted string with Go-style escapes, so a line never breaks. */
  private static void logfmtValue(StringBuilder sb, String s) {
    boolean bare = !s.isEmpty();
    for (int i = 0; i < s.length() && bare; i++) {
      char c = s.charAt(i);
      bare = c > ' ' && c != '"' && c != '=' && c != '\\';
    }
    if (bare) {
      sb.append(s);
    } else {
      quoteJson(sb, s);
    }
  }
}
