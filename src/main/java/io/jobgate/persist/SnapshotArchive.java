package io.jobgate.persist;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.jobgate.state.RowChange;
import io.jobgate.state.SnapshotRows;
import io.jobgate.state.StateSnapshot;
import io.jobgate.state.Table;
import io.jobgate.structs.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The operator snapshot file ({@code GET|PUT /v1/operator/snapshot}): gzipped JSON lines, a
 * header with the format and indexes, one line per row as the journal stores it, and a trailer
 * with the row count. Written from an immutable snapshot, so it is a consistent point-in-time copy
 * that never holds up writes; gzip's checksum and the trailer catch a damaged or truncated file
 * before anything is replaced.
 */
public final class SnapshotArchive {

  static final String FORMAT = "jobgate-snapshot";
  static final int VERSION = 1;

  private SnapshotArchive() {
  }

  public static void write(StateSnapshot s, OutputStream out) throws IOException {
    GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16);
    try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(gz)) {
      g.writeStartObject();
      g.writeStringField("Format", FORMAT);
      g.writeNumberField("Version", VERSION);
      g.writeNumberField("Index", s.index());
      g.writeObjectFieldStart("TableIndexes");
      for (Table t : Table.values()) {
        g.writeNumberField(t.wireName(), s.tableIndex(t));
      }
      g.writeEndObject();
      g.writeEndObject();
      long[] rows = {0};
      SnapshotRows.forEach(s, r -> {
        try {
          g.writeRaw('\n');
          g.writeStartObject();
          g.writeStringField("Table", r.table().wireName());
          g.writeStringField("Key", r.key());
          g.writeFieldName("Value");
          RowCodec.encode(r.table(), r.value(), g);
          g.writeEndObject();
          rows[0]++;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      g.writeRaw('\n');
      g.writeStartObject();
      g.writeNumberField("Rows", rows[0]);
      g.writeEndObject();
      g.writeRaw('\n');
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Reads a whole snapshot; any damage fails with a message saying what is wrong, and nothing else happens. */
  public static StateSnapshot read(InputStream in) throws IOException {
    try (JsonParser p = Json.MAPPER.getFactory().createParser(new GZIPInputStream(in, 1 << 16))) {
      expect(p, JsonToken.START_OBJECT);
      String format = null;
      long version = -1;
      long index = -1;
      long[] tableIndexes = new long[Table.values().length];
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "Format" -> format = p.getText();
          case "Version" -> version = p.getLongValue();
          case "Index" -> index = p.getLongValue();
          case "TableIndexes" -> {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              Table t = RowCodec.table(p.currentName());
              p.nextToken();
              tableIndexes[t.ordinal()] = p.getLongValue();
            }
          }
          default -> p.skipChildren();
        }
      }
      if (!FORMAT.equals(format) || index < 0) {
        throw new IOException("not a jobgate snapshot");
      }
      if (version > VERSION) {
        throw new IOException("snapshot format " + version + " is newer than this jobgate reads (" + VERSION + ")");
      }
      List<RowChange> rows = new ArrayList<>();
      while (true) {
        expect(p, JsonToken.START_OBJECT);
        expect(p, JsonToken.FIELD_NAME);
        if ("Rows".equals(p.currentName())) {
          p.nextToken();
          if (p.getLongValue() != rows.size()) {
            throw new IOException("snapshot is incomplete: " + rows.size() + " rows of " + p.getLongValue());
          }
          break;
        }
        Table t = RowCodec.table(field(p, "Table"));
        String key = field(p, "Key");
        if (p.currentToken() != JsonToken.FIELD_NAME || !"Value".equals(p.currentName())) {
          throw new IOException("expected field Value at " + p.currentLocation());
        }
        p.nextToken();
        rows.add(new RowChange(t, key, RowCodec.decode(t, p)));
        expect(p, JsonToken.END_OBJECT);
      }
      return SnapshotRows.build(index, tableIndexes, rows);
    } catch (IOException e) {
      throw new IOException("snapshot cannot be read: " + e.getMessage(), e);
    }
  }

  /** Reads the field {@code name} the parser stands on, leaving it on the next field. */
  private static String field(JsonParser p, String name) throws IOException {
    if (p.currentToken() != JsonToken.FIELD_NAME || !name.equals(p.currentName())) {
      throw new IOException("expected field " + name + ", found " + p.currentName());
    }
    p.nextToken();
    String v = p.getText();
    p.nextToken();
    return v;
  }

  private static void expect(JsonParser p, JsonToken token) throws IOException {
    JsonToken got = p.nextToken();
    if (got != token) {
      throw new IOException(got == null ? "snapshot ends early" : "unexpected " + got + " at " + p.currentLocation());
    }
  }
}
