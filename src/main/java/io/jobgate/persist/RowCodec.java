package io.jobgate.persist;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.dataformat.smile.databind.SmileMapper;
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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How a row's value is stored: its record as the one {@link Json#MAPPER} sees it (same names,
 * same annotations, no second mapping to keep in step). In the journal as Smile, Jackson's binary
 * JSON, which refers back to repeated field names instead of spelling them out: fewer bytes to
 * read and less to decode on restart (README, "Durability"). In operator snapshots, which people
 * read, as plain JSON.
 *
 * <p>A table is stored once its value class is registered here (one line), next to its lines in
 * {@code state.SnapshotRows}; a write to a table with no codec fails loudly rather than being lost.
 */
final class RowCodec {

  /**
   * The journal reads only what it wrote, so two of the API's rules are dropped for restart speed:
   * names are matched exactly (case-folding cost a third of decoding) and nulls are left out (an
   * absent field decodes to null, as written).
   */
  private static final ObjectMapper SMILE = Json.rules(SmileMapper.builder(new SmileFactory()))
      .disable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .addModule(Sharing.MODULE)
      .build();

  private static final Map<Table, Codec> CODECS = new EnumMap<>(Table.class);

  static {
    TypeFactory t = Json.MAPPER.getTypeFactory();
    register(Table.JOBS, t.constructType(Job.class));
    // A job's history: newest version first (state keeps it as a PVector, which is a List).
    register(Table.JOB_VERSION, t.constructCollectionType(List.class, Job.class));
    register(Table.JOB_SUMMARY, t.constructType(JobSummary.class));
    register(Table.EVALS, t.constructType(Evaluation.class));
    register(Table.ALLOCS, t.constructType(Allocation.class));
    register(Table.DEPLOYMENT, t.constructType(Deployment.class));
    register(Table.PERIODIC_LAUNCH, t.constructType(PeriodicLaunch.class));
    register(Table.ACL_POLICIES, t.constructType(AclPolicy.class));
    register(Table.ACL_TOKENS, t.constructType(AclToken.class));
    register(Table.ACL_BOOTSTRAP, t.constructType(AclBootstrap.class));
    register(Table.NODES, t.constructType(Node.class));
    register(Table.NAMESPACES, t.constructType(Namespace.class));
  }

  private RowCodec() {
  }

  /** Readers and writers of one table's values, binary for the journal and JSON for snapshots. */
  private record Codec(ObjectReader binaryReader, ObjectWriter binaryWriter, ObjectReader jsonReader,
      ObjectWriter jsonWriter) {
  }

  private static void register(Table table, JavaType type) {
    CODECS.put(table, new Codec(SMILE.readerFor(type), SMILE.writerFor(type),
        // A snapshot line goes on after the value: more tokens are expected, not an error.
        Json.MAPPER.readerFor(type).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS),
        Json.MAPPER.writerFor(type)));
  }

  static byte[] encode(Table table, Object value) {
    try {
      return codec(table).binaryWriter.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a row of table " + table.wireName() + ": " + e.getMessage(), e);
    }
  }

  /** Decodes a journal value; equal values decoded with the same {@code sharing} come back as one object. */
  static Object decode(Table table, byte[] bytes, Sharing sharing) throws IOException {
    return readable(table).binaryReader.withAttribute(Sharing.class, sharing).readValue(bytes);
  }

  static void encode(Table table, Object value, JsonGenerator out) throws IOException {
    codec(table).jsonWriter.writeValue(out, value);
  }

  static Object decode(Table table, JsonParser in) throws IOException {
    return readable(table).jsonReader.readValue(in);
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
}
