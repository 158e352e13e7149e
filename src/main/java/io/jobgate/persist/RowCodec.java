package io.jobgate.persist;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.jobgate.state.Table;
import io.jobgate.structs.AclBootstrap;
import io.jobgate.structs.AclPolicy;
import io.jobgate.structs.AclToken;
import io.jobgate.structs.Allocation;
import io.jobgate.structs.Deployment;
import io.jobgate.structs.Evaluation;
import io.jobgate.structs.Job;
import io.jobgate.structs.JobSummary;
import io.jobgate.structs.Json;
import io.jobgate.structs.Namespace;
import io.jobgate.structs.Node;
import io.jobgate.structs.PeriodicLaunch;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a row's value is stored. In the journal, in {@link BinaryCodec}'s format: compact, read
 * without name lookups, and with a job's repeated copies read once on restart (README,
 * "Durability"). In operator snapshots, which people read, as the JSON the one {@link Json#MAPPER}
 * writes (same names, same annotations, no second mapping to keep in step).
 *
 * <p>A table is stored once its value type is registered here (one line), next to its lines in
 * {@code state.SnapshotRows}; a write to a table with no codec fails loudly rather than being lost.
 */
final class RowCodec {

  private static final Map<Table, Codec> CODECS = new EnumMap<>(Table.class);
  private static final BinaryCodec BINARY;

  static {
    register(Table.JOBS, Job.class);
    // A job's history: newest version first (state keeps it as a PVector, which is a List).
    register(Table.JOB_VERSION, new ListOf(Job.class));
    register(Table.JOB_SUMMARY, JobSummary.class);
    register(Table.EVALS, Evaluation.class);
    register(Table.ALLOCS, Allocation.class);
    register(Table.DEPLOYMENT, Deployment.class);
    register(Table.PERIODIC_LAUNCH, PeriodicLaunch.class);
    register(Table.ACL_POLICIES, AclPolicy.class);
    register(Table.ACL_TOKENS, AclToken.class);
    register(Table.ACL_BOOTSTRAP, AclBootstrap.class);
    register(Table.NODES, Node.class);
    register(Table.NAMESPACES, Namespace.class);
    List<Type> types = new ArrayList<>();
    CODECS.values().forEach(c -> types.add(c.type));
    // A job and its parts are what rows repeat: the current row, the versions, each allocation's copy.
    BINARY = new BinaryCodec(types, Set.of(Job.class));
  }

  private RowCodec() {
  }

  /**
   * The type of one table's values, and its JSON reader and writer for snapshots, made on first
   * use: Jackson introspecting every row type up front cost a restart a quarter of a second.
   */
  private static final class Codec {
    final Type type;
    private volatile ObjectReader jsonReader;
    private volatile ObjectWriter jsonWriter;

    Codec(Type type) {
      this.type = type;
    }

    ObjectReader jsonReader() {
      if (jsonReader == null) {
        // A snapshot line goes on after the value: more tokens are expected, not an error.
        jsonReader = Json.MAPPER.readerFor(Json.MAPPER.getTypeFactory().constructType(type))
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
      }
      return jsonReader;
    }

    ObjectWriter jsonWriter() {
      if (jsonWriter == null) {
        jsonWriter = Json.MAPPER.writerFor(Json.MAPPER.getTypeFactory().constructType(type));
      }
      return jsonWriter;
    }
  }

  private static void register(Table table, Type type) {
    CODECS.put(table, new Codec(type));
  }

  static byte[] encode(Table table, Object value) {
    return BINARY.encode(codec(table).type, value);
  }

  /** Decodes a journal value written under the layouts {@code reader} was made for. */
  static Object decode(Table table, byte[] bytes, BinaryCodec.Reader reader) throws IOException {
    return BINARY.decode(readable(table).type, bytes, reader);
  }

  /** The record layouts rows are written in now; the journal keeps them beside the rows. */
  static Map<String, List<String>> layouts() {
    return BINARY.layouts();
  }

  /** A reader for rows written under {@code stored} layouts; see {@link BinaryCodec#reader}. */
  static BinaryCodec.Reader reader(Map<String, List<String>> stored, boolean share) {
    return BINARY.reader(stored, share);
  }

  static void encode(Table table, Object value, JsonGenerator out) throws IOException {
    codec(table).jsonWriter().writeValue(out, value);
  }

  static Object decode(Table table, JsonParser in) throws IOException {
    return readable(table).jsonReader().readValue(in);
  }

  private static Codec codec(Table table) {
    Codec c = CODECS.get(table);
    if (c == null) {
      throw new IllegalStateException("table " + table.wireName() + " has no codec in persist.RowCodec");
    }
    return c;
  }

  private static Codec readable(Table table) throws IOException {
    Codec c = CODECS.get(table);
    if (c == null) {
      throw new IOException("rows of table " + table.wireName() + " but no codec for it");
    }
    return c;
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

  /** {@code List<E>} as a reflection type, for the codec to see the element class. */
  private record ListOf(Class<?> element) implements ParameterizedType {
    @Override
    public Type[] getActualTypeArguments() {
      return new Type[] {element};
    }

    @Override
    public Type getRawType() {
      return List.class;
    }

    @Override
    public Type getOwnerType() {
      return null;
    }
  }
}
