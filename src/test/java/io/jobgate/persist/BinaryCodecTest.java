package io.jobgate.persist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobgate.state.JobKey;
import io.jobgate.state.RowChange;
import io.jobgate.state.SnapshotRows;
import io.jobgate.state.StateSnapshot;
import io.jobgate.state.StateStore;
import io.jobgate.state.Table;
import io.jobgate.structs.Allocation;
import io.jobgate.structs.Job;
import io.jobgate.structs.TaskGroup;
import io.jobgate.support.Jobs;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The journal's row format: exact round trips, sharing on restart, rows from other layouts, damage. */
public class BinaryCodecTest {

  @Test
  void everyRowOfEveryTableComesBackEqual() throws IOException {
    List<RowChange> rows = new ArrayList<>();
    SnapshotRows.forEach(populated(), rows::add);
    BinaryCodec.Reader reader = RowCodec.reader(RowCodec.layouts(), false);
    Set<Table> seen = new HashSet<>();
    for (RowChange r : rows) {
      Object back = RowCodec.decode(r.table(), RowCodec.encode(r.table(), r.value()), reader);
      assertEquals(r.value(), back, r.table() + "/" + r.key());
      seen.add(r.table());
    }
    assertTrue(seen.size() >= 10, "the fixture covers the tables: " + seen);
  }

  @Test
  void aDriverConfigKeepsEveryJsonShapeAndNumberClass() throws IOException {
    String config = """
        {"image": "redis:3.2 \u2014 \u00fcn\u00efcode", "shm_size": 1099511627776, "cpu_hard_limit": true,
         "dns_servers": null, "args": [1, "two", null, [3], {"k": false}, -7, 0.25],
         "labels": {"big": 123456789012345678901234567890, "empty": {}, "port": 6379}}""";
    StateSnapshot s = withStore(store -> Fixtures.register(store, Jobs.service("cfg", 1, "", config)
        .replace("\"exec\"", "\"docker\"")));
    Job job = s.job(new JobKey("default", "cfg"));
    Job back = (Job) RowCodec.decode(Table.JOBS, RowCodec.encode(Table.JOBS, job), RowCodec.reader(null, false));
    assertEquals(job, back);
    Map<String, Object> want = job.taskGroups().get(0).tasks().get(0).config();
    Map<String, Object> got = back.taskGroups().get(0).tasks().get(0).config();
    assertEquals("{image=String, shm_size=Long, cpu_hard_limit=Boolean, dns_servers=null, args=[Integer, String, null, "
        + "[Integer], {k=Boolean}, Integer, Double], labels={big=BigInteger, empty={}, port=Integer}}", classes(want),
        "the fixture has every shape");
    assertEquals(classes(want), classes(got), "each number keeps its class, each map its key order");
  }

  @Test
  void numbersJacksonNeverMakesKeepTheirClassToo() throws IOException {
    BinaryCodec codec = new BinaryCodec(List.of(V1.Holder.class), Set.of());
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("decimal", new BigDecimal("1.50"));
    config.put("long", 5L);
    V1.Holder h = new V1.Holder(config);
    Object back = codec.decode(V1.Holder.class, codec.encode(V1.Holder.class, h), codec.reader(null, false));
    assertEquals(h, back);
    assertEquals(Long.class, ((V1.Holder) back).config().get("long").getClass());
  }

  @Test
  void aValueWithNoBinaryFormIsRefusedWhenWrittenNotLost() {
    BinaryCodec codec = new BinaryCodec(List.of(V1.Holder.class), Set.of());
    V1.Holder h = new V1.Holder(Map.of("id", UUID.randomUUID()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> codec.encode(V1.Holder.class, h));
    assertTrue(e.getMessage().contains("java.util.UUID"), e.getMessage());
  }

  @Test
  void aSharingReaderReadsAJobsRepeatedPartsOnce() throws IOException {
    StateSnapshot s = populated();
    Job job = s.job(new JobKey("default", "web"));
    Allocation alloc = Fixtures.alloc("a-1", "e-1", job, Allocation.CLIENT_RUNNING, Allocation.DESIRED_RUN);
    Job running = job.withStatus("running", job.modifyIndex() + 1);
    byte[] jobRow = RowCodec.encode(Table.JOBS, running);
    byte[] allocRow = RowCodec.encode(Table.ALLOCS, alloc);

    BinaryCodec.Reader sharing = RowCodec.reader(RowCodec.layouts(), true);
    Job fromJobRow = (Job) RowCodec.decode(Table.JOBS, jobRow, sharing);
    Job fromAllocRow = ((Allocation) RowCodec.decode(Table.ALLOCS, allocRow, sharing)).job();
    assertEquals(running, fromJobRow);
    assertEquals(job, fromAllocRow);
    assertSame(fromJobRow.taskGroups().get(0), fromAllocRow.taskGroups().get(0),
        "the job row differs in status only: its task group is the allocation's copy");

    BinaryCodec.Reader plain = RowCodec.reader(RowCodec.layouts(), false);
    TaskGroup a = ((Job) RowCodec.decode(Table.JOBS, jobRow, plain)).taskGroups().get(0);
    TaskGroup b = ((Allocation) RowCodec.decode(Table.ALLOCS, allocRow, plain)).job().taskGroups().get(0);
    assertEquals(a, b);
    assertNotSame(a, b);
  }

  @Test
  void rowsWrittenInAnOlderLayoutAreReadByName() throws IOException {
    BinaryCodec before = new BinaryCodec(List.of(V1.Thing.class), Set.of());
    BinaryCodec after = new BinaryCodec(List.of(V2.Thing.class), Set.of());
    byte[] old = before.encode(V1.Thing.class, new V1.Thing("a", 42, List.of("b1", "b2"), new V1.Part(7, "p")));

    Object read = after.decode(V2.Thing.class, old, after.reader(before.layouts(), false));
    assertEquals(new V2.Thing(List.of("b1", "b2"), "a", 0, null, new V2.Part("p")), read,
        "moved components are found by name, removed ones skipped, added ones take their zero value");
    assertTrue(after.reader(before.layouts(), false).translates());
    assertEquals(false, after.reader(after.layouts(), false).translates());
  }

  @Test
  void aComponentWhoseTypeChangedIsReportedNotGuessed() {
    BinaryCodec before = new BinaryCodec(List.of(V1.Thing.class), Set.of());
    BinaryCodec after = new BinaryCodec(List.of(V3.Thing.class), Set.of());
    byte[] old = before.encode(V1.Thing.class, new V1.Thing("a", 42, List.of(), null));
    IOException e = assertThrows(IOException.class,
        () -> after.decode(V3.Thing.class, old, after.reader(before.layouts(), false)));
    assertTrue(e.getMessage().startsWith("Thing: expected an integer"), e.getMessage());
  }

  @Test
  void aDamagedValueIsAnErrorNeverAWrongValue() {
    Job job = populated().job(new JobKey("default", "web"));
    byte[] row = RowCodec.encode(Table.JOBS, job);
    BinaryCodec.Reader reader = RowCodec.reader(null, false);
    assertThrows(IOException.class, () -> RowCodec.decode(Table.JOBS, Arrays.copyOf(row, row.length - 3), reader));
    assertThrows(IOException.class, () -> RowCodec.decode(Table.JOBS, Arrays.copyOf(row, row.length + 1), reader));
    byte[] wrongTag = row.clone();
    wrongTag[0] = 99;
    assertThrows(IOException.class, () -> RowCodec.decode(Table.JOBS, wrongTag, reader));
  }

  @Test
  void equalValuesEncodeToEqualBytes() throws IOException {
    Job a = populated().job(new JobKey("default", "web"));
    byte[] row = RowCodec.encode(Table.JOBS, a);
    Job b = (Job) RowCodec.decode(Table.JOBS, row, RowCodec.reader(null, false));
    assertNotSame(a, b);
    assertArrayEquals(row, RowCodec.encode(Table.JOBS, b), "a value read back is written as the same bytes");
  }

  /** A value's structure with each leaf replaced by its class's simple name. */
  private static String classes(Object o) {
    if (o instanceof Map<?, ?> m) {
      return m.entrySet().stream().map(e -> e.getKey() + "=" + classes(e.getValue()))
          .collect(Collectors.joining(", ", "{", "}"));
    } else if (o instanceof List<?> l) {
      return l.stream().map(BinaryCodecTest::classes).collect(Collectors.joining(", ", "[", "]"));
    }
    return o == null ? "null" : o.getClass().getSimpleName();
  }

  private static StateSnapshot populated() {
    return withStore(Fixtures::populate);
  }

  /** A fresh in-memory store after {@code fill}. */
  private static StateSnapshot withStore(Consumer<StateStore> fill) {
    Vertx vertx = Vertx.vertx();
    try {
      StateStore store = new StateStore(vertx);
      fill.accept(store);
      return store.snapshot();
    } finally {
      Fixtures.await(vertx.close());
    }
  }

  /** The same record class (by simple name) as an older build had it and as a newer one has it. */
  public static final class V1 {
    public record Holder(Map<String, Object> config) {
    }

    public record Thing(String a, long gone, List<String> b, Part part) {
    }

    public record Part(int dropped, String kept) {
    }
  }

  public static final class V2 {
    public record Thing(List<String> b, String a, int added, String alsoAdded, Part part) {
    }

    public record Part(String kept) {
    }
  }

  public static final class V3 {
    public record Thing(long a) {
    }
  }
}
