package io.jobgate.persist;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.jobgate.state.Table;
import io.jobgate.structs.Allocation;
import io.jobgate.structs.Deployment;
import io.jobgate.structs.Evaluation;
import io.jobgate.structs.Job;
import io.jobgate.structs.JobSummary;
import io.jobgate.structs.Json;
import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How a row's value is stored: the wire JSON of its record, through the one {@link Json#MAPPER},
 * so what is on disk reads like the API and needs no second set of annotations.
 *
 * <p>A table is stored once its value class is registered here (one line), next to its lines in
 * {@code state.SnapshotRows}. {@link Table#NODES} and {@link Table#PERIODIC_LAUNCH} are registered
 * by the branches that add their row classes; until then a write to them fails loudly rather than
 * being lost.
 */
final class RowCodec {

  private static final Map<Table, ObjectReader> READERS = new EnumMap<>(Table.class);
  /** For values inside a larger document (an operator snapshot line), where more tokens follow. */
  private static final Map<Table, ObjectReader> EMBEDDED_READERS = new EnumMap<>(Table.class);
  private static final Map<Table, ObjectWriter> WRITERS = new EnumMap<>(Table.class);

  static {
    TypeFactory t = Json.MAPPER.getTypeFactory();
    register(Table.JOBS, t.constructType(Job.class));
    // A job's history: newest version first (state keeps it as a PVector, which is a List).
    register(Table.JOB_VERSION, t.constructCollectionType(List.class, Job.class));
    register(Table.JOB_SUMMARY, t.constructType(JobSummary.class));
    register(Table.EVALS, t.constructType(Evaluation.class));
    register(Table.ALLOCS, t.constructType(Allocation.class));
    register(Table.DEPLOYMENT, t.constructType(Deployment.class));
  }

  private RowCodec() {
  }

  private static void register(Table table, JavaType type) {
    READERS.put(table, Json.MAPPER.readerFor(type));
    EMBEDDED_READERS.put(table, Json.MAPPER.readerFor(type).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS));
    WRITERS.put(table, Json.MAPPER.writerFor(type));
  }


  static byte[] encode(Table table, Object value) {
    try {
      return writer(table).writeValueAsBytes(value);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a row of table " + table.wireName() + ": " + e.getMessage(), e);
    }
  }

  static Object decode(Table table, byte[] bytes) throws IOException {
    ObjectReader r = READERS.get(table);
    if (r == null) {
      throw new IOException("rows of table " + table.wireName() + " but no codec for it");
    }
    return r.readValue(bytes);
  }

  static void encode(Table table, Object value, JsonGenerator out) throws IOException {
    writer(table).writeValue(out, value);
  }

  static Object decode(Table table, JsonParser in) throws IOException {
    ObjectReader r = EMBEDDED_READERS.get(table);
    if (r == null) {
      throw new IOException("rows of table " + table.wireName() + " but no codec for it");
    }
    return r.readValue(in);
  }

  private static ObjectWriter writer(Table table) {
    ObjectWriter w = WRITERS.get(table);
    if (w == null) {
      throw new IllegalStateException("table " + table.wireName() + " has no codec in persist.RowCodec");
    }
    return w;
  }

  /** Finds a table by the name stored on disk; names, unlike ordinals, survive reordering the enum. */
  static Table table(String wireName) throws IOException {
    for (Table t : Table.values()) {
      if (t.wireName().equals(wireName)) {
        return t;
      }
    }
    throw new IOException("unknown table \"" + wireName + "\"");
  }
}
