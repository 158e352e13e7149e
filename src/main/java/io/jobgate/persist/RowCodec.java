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
import java.nio.ByteBuffer;
import java.util.ArrayList;
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
      if (table == Table.ALLOCS && value instanceof Allocation a && a.job() != null) {
        return allocWithJob(a);
      }
      if (table == Table.JOB_VERSION && value instanceof List<?> history) {
        return jobHistory(history);
      }
      return codec(table).binaryWriter.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a row of table " + table.wireName() + ": " + e.getMessage(), e);
    }
  }

  /** Decodes a journal value; equal values decoded with the same {@code sharing} come back as one object. */
  static Object decode(Table table, byte[] bytes, Sharing sharing) throws IOException {
    if (bytes.length > 0 && bytes[0] == ALLOC_WITH_JOB && table == Table.ALLOCS) {
      return decodeAllocWithJob(bytes, sharing);
    }
    if (bytes.length > 0 && bytes[0] == JOB_HISTORY && table == Table.JOB_VERSION) {
      return decodeJobHistory(bytes, sharing);
    }
    if (table == Table.JOBS) {
      return sharing.job(bytes, 0, bytes.length, jobDecoder(sharing));
    }
    return readable(table).binaryReader.withAttribute(Sharing.class, sharing).readValue(bytes);
  }

  // Format 2 (README, "Durability"): every job is stored as a standalone Smile document, so equal
  // jobs have equal bytes wherever they are stored (a job's row, each of its versions, each of its
  // allocations) and a restart decodes each distinct job once ({@link Sharing#job}). A JOBS row is
  // that document as it is; the two tables that embed jobs get a tagged layout, told from a plain
  // Smile row (format 1, still read) by its first byte, which in Smile is always ':'.

  /** ALLOCS: tag, length of the allocation without its job (Smile), that document, then the job's. */
  private static final byte ALLOC_WITH_JOB = 1;
  /** JOB_VERSION: tag, number of versions, then each version's length and document, newest first. */
  private static final byte JOB_HISTORY = 2;

  private static final ObjectWriter JOB_WRITER = SMILE.writerFor(Job.class);
  private static final ObjectReader JOB_READER = SMILE.readerFor(Job.class);
  private static final ObjectWriter ALLOC_WRITER = SMILE.writerFor(Allocation.class);
  private static final ObjectReader ALLOC_READER = SMILE.readerFor(Allocation.class);

  private static byte[] allocWithJob(Allocation a) throws IOException {
    byte[] head = ALLOC_WRITER.writeValueAsBytes(withJob(a, null));
    byte[] job = JOB_WRITER.writeValueAsBytes(a.job());
    ByteBuffer out = ByteBuffer.allocate(5 + head.length + job.length);
    out.put(ALLOC_WITH_JOB).putInt(head.length).put(head).put(job);
    return out.array();
  }

  private static byte[] jobHistory(List<?> history) throws IOException {
    List<byte[]> docs = new ArrayList<>(history.size());
    int size = 5;
    for (Object job : history) {
      byte[] doc = JOB_WRITER.writeValueAsBytes(job);
      docs.add(doc);
      size += 4 + doc.length;
    }
    ByteBuffer out = ByteBuffer.allocate(size);
    out.put(JOB_HISTORY).putInt(docs.size());
    for (byte[] doc : docs) {
      out.putInt(doc.length).put(doc);
    }
    return out.array();
  }

  private static Allocation decodeAllocWithJob(byte[] bytes, Sharing sharing) throws IOException {
    int headLength = length(bytes, 1);
    int jobFrom = 5 + headLength;
    Allocation head = ALLOC_READER.withAttribute(Sharing.class, sharing).readValue(bytes, 5, headLength);
    return withJob(head, sharing.job(bytes, jobFrom, bytes.length, jobDecoder(sharing)));
  }

  private static List<Job> decodeJobHistory(byte[] bytes, Sharing sharing) throws IOException {
    int count = length(bytes, 1);
    List<Job> history = new ArrayList<>(Math.min(count, 64));
    int at = 5;
    for (int i = 0; i < count; i++) {
      int length = length(bytes, at);
      at += 4;
      history.add(sharing.job(bytes, at, at + length, jobDecoder(sharing)));
      at += length;
    }
    if (at != bytes.length) {
      throw new IOException("job history has " + (bytes.length - at) + " bytes after its last version");
    }
    return history;
  }

  /** A length at {@code at}, checked to fit in what follows it. */
  private static int length(byte[] bytes, int at) throws IOException {
    if (at + 4 > bytes.length) {
      throw new IOException("truncated value (" + bytes.length + " bytes)");
    }
    int n = ByteBuffer.wrap(bytes, at, 4).getInt();
    if (n < 0 || n > bytes.length - at - 4) {
      throw new IOException("bad length " + n + " at byte " + at + " of " + bytes.length);
    }
    return n;
  }

  private static Sharing.JobDecoder jobDecoder(Sharing sharing) {
    ObjectReader reader = JOB_READER.withAttribute(Sharing.class, sharing);
    return (b, offset, length) -> {
      Job job = reader.readValue(b, offset, length);
      if (job == null) {
        throw new IOException("a job stored as null");
      }
      return job;
    };
  }

  private static Allocation withJob(Allocation a, Job job) {
    return new Allocation(a.id(), a.namespace(), a.evalId(), a.name(), a.nodeId(), a.jobId(), job, a.taskGroup(),
        a.resources(), a.sharedResources(), a.taskResources(), a.metrics(), a.desiredStatus(),
        a.desiredDescription(), a.desiredTransition(), a.clientStatus(), a.clientDescription(), a.taskStates(),
        a.previousAllocation(), a.nextAllocation(), a.deploymentId(), a.deploymentStatus(), a.rescheduleTracker(),
        a.followupEvalId(), a.createIndex(), a.modifyIndex(), a.allocModifyIndex(), a.createTime(), a.modifyTime());
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
