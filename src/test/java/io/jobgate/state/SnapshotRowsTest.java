package io.jobgate.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.jobgate.structs.AclPolicy;
import io.jobgate.structs.AclToken;
import io.jobgate.structs.Allocation;
import io.jobgate.structs.Deployment;
import io.jobgate.structs.Evaluation;
import io.jobgate.structs.Job;
import io.jobgate.structs.JobCanonicalizer;
import io.jobgate.structs.JobSummary;
import io.jobgate.structs.Json;
import io.jobgate.structs.Namespace;
import io.jobgate.structs.NetworkResource;
import io.jobgate.structs.Node;
import io.jobgate.structs.Port;
import io.jobgate.structs.Resources;
import io.jobgate.support.Jobs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.pcollections.PMap;
import org.pcollections.PSet;
import org.pcollections.TreePMap;
import org.pcollections.TreePSet;
import org.pcollections.TreePVector;

/** A restart's view of the store: the rows of a snapshot, in any order, build that snapshot again. */
class SnapshotRowsTest {

  /**
   * IDs that sort as strings only when compared in full: equal first characters, characters that
   * do not fit a byte, NUL, prefixes of one another.
   */
  private static final List<String> AWKWARD = List.of("a", "a\u0000", "a\u0000b", "ab", "web", "web-1", "web-10",
      "web-2", "web-10000000001", "web-10000000002", "\u00ff", "\u00ffz", "\u00ff\u0000", "\u0100", "\u0100a",
      "\u00fe\u0100", "\u00fe\u00ff", "\uffff", "\u65e5\u672c-1", "\u65e5\u672c-2", "t\u00ebam", "zzzzzzzz1", "zzzzzzzz0",
      // across the second eight characters too
      "alloc-12345", "alloc-12346", "alloc-1234", "alloc-12345\u0100", "alloc-12345\u00ff", "alloc-1234\u0000",
      "abcdefgh", "abcdefgh\u0000", "abcdefghzzzzzzzzz1", "abcdefghzzzzzzzzz0", "abcdefg\u0100x", "abcdefg\u0100a");

  private static final List<String> NAMESPACES = List.of("default", "team-a", "t\u00ebam", "\u56e2\u961f");

  @Test
  void theRowsOfASnapshotInAnyOrderBuildItAgain() {
    StateSnapshot s = populated();
    for (long seed = 1; seed <= 3; seed++) {
      List<RowChange> rows = rows(s);
      Collections.shuffle(rows, new Random(seed));
      assertRebuilt(s, SnapshotRows.build(s.index(), tableIndexes(s), rows));
    }
  }

  @Test
  void ofRowsWithTheSameKeyTheLastCounts() {
    StateSnapshot s = populated();
    JobKey web = new JobKey("default", "web");
    Evaluation e = s.evalsByJob(web).get(0);
    Evaluation done = new Evaluation(e.id(), e.namespace(), e.priority(), e.type(), e.triggeredBy(), e.jobId(),
        e.jobModifyIndex(), e.nodeId(), e.nodeModifyIndex(), e.deploymentId(), Evaluation.STATUS_COMPLETE, "",
        e.waitNanos(), e.waitUntil(), e.nextEval(), e.previousEval(), e.blockedEval(), e.failedTGAllocs(),
        e.classEligibility(), e.quotaLimitReached(), e.escapedComputedClass(), e.annotatePlan(),
        e.queuedAllocations(), e.leaderACL(), e.snapshotIndex(), e.createIndex(), e.modifyIndex() + 1);
    JobSummary summary = s.jobSummary(web);
    JobSummary later = new JobSummary(summary.jobId(), summary.namespace(), summary.summary(), summary.children(),
        summary.createIndex(), summary.modifyIndex() + 1);
    List<RowChange> rows = rows(s);
    rows.add(new RowChange(Table.EVALS, done.id(), done));
    rows.add(new RowChange(Table.JOB_SUMMARY, web.toString(), later));
    StateSnapshot b = SnapshotRows.build(s.index(), tableIndexes(s), rows);
    assertEquals(done, b.eval(done.id()));
    assertEquals(later, b.jobSummary(web));
    assertNotEquals(e, done);
    assertEquals(s.evalCount(), b.evalCount());
  }

  @Test
  void keysAreInStringOrderEvenWhereTheirFirstCharactersTie() {
    StateSnapshot s = populated();
    List<String> evalIds = new ArrayList<>();
    s.allEvals().forEach(e -> evalIds.add(e.id()));
    assertEquals(new ArrayList<>(new TreeSet<>(evalIds)), evalIds);
    List<JobKey> jobKeys = new ArrayList<>(s.jobs.keySet());
    assertEquals(new ArrayList<>(new TreeSet<>(jobKeys)), jobKeys);
    StateSnapshot b = SnapshotRows.build(s.index(), tableIndexes(s), rows(s));
    assertEquals(evalIds, new ArrayList<>(b.evals.keySet()));
    assertEquals(jobKeys, new ArrayList<>(b.jobs.keySet()));
  }

  private static void assertRebuilt(StateSnapshot expected, StateSnapshot actual) {
    assertEquals(expected.index(), actual.index());
    for (Table t : Table.values()) {
      assertEquals(expected.tableIndex(t), actual.tableIndex(t), t.wireName());
    }
    assertSameMap(expected.jobs, actual.jobs);
    assertSameMap(expected.versions, actual.versions);
    actual.versions.values().forEach(v -> assertInstanceOf(TreePVector.class, v));
    assertSameMap(expected.summaries, actual.summaries);
    assertSameMap(expected.evals, actual.evals);
    assertSameIndex(expected.evalsByJob, actual.evalsByJob);
    assertSameMap(expected.allocs, actual.allocs);
    assertSameIndex(expected.allocsByJob, actual.allocsByJob);
    assertSameIndex(expected.allocsByNode, actual.allocsByNode);
    assertSameIndex(expected.allocsByEval, actual.allocsByEval);
    assertSameMap(expected.deployments, actual.deployments);
    assertSameIndex(expected.deploymentsByJob, actual.deploymentsByJob);
    assertSameMap(expected.periodicLaunches, actual.periodicLaunches);
    assertSameMap(expected.nodes, actual.nodes);
    assertSameMap(expected.usageByNode, actual.usageByNode);
    assertSameMap(expected.acl.policies, actual.acl.policies);
    assertSameMap(expected.acl.tokens, actual.acl.tokens);
    assertSameMap(expected.acl.accessorBySecretHash, actual.acl.accessorBySecretHash);
    assertSameMap(expected.acl.namespaces, actual.acl.namespaces);
    assertEquals(expected.acl.bootstrap, actual.acl.bootstrap);
  }

  /** Equal, of the same persistent map class, and for sorted maps in the same order. */
  private static void assertSameMap(PMap<?, ?> expected, PMap<?, ?> actual) {
    assertEquals(expected, actual);
    assertEquals(expected.getClass(), actual.getClass());
    if (expected instanceof TreePMap<?, ?>) {
      assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(actual.keySet()));
    }
  }

  private static void assertSameIndex(PMap<?, ? extends PSet<String>> expected, PMap<?, ? extends PSet<String>> actual) {
    assertSameMap(expected, actual);
    assertInstanceOf(TreePMap.class, actual);
    actual.values().forEach(ids -> assertInstanceOf(TreePSet.class, ids));
  }

  private static List<RowChange> rows(StateSnapshot s) {
    List<RowChange> rows = new ArrayList<>();
    SnapshotRows.forEach(s, rows::add);
    return rows;
  }

  private static long[] tableIndexes(StateSnapshot s) {
    long[] out = new long[Table.values().length];
    for (Table t : Table.values()) {
      out[t.ordinal()] = s.tableIndex(t);
    }
    return out;
  }

  /**
   * Every table, with awkward keys: jobs of two versions in four namespaces, evaluations and
   * allocations (one job and every node with many, for the larger sets), deployments, periodic
   * launches, nodes and the ACL tables.
   */
  private static StateSnapshot populated() {
    return StateSnapshot.empty().speculate(w -> {
      long idx = w.nextIndex();
      for (String ns : NAMESPACES) {
        w.acl().upsertNamespace(idx, new Namespace(ns, "", 0, 0));
      }
      for (int n = 1; n <= 3; n++) {
        w.upsertNode(idx, node("node-" + n));
      }
      int serial = 0;
      for (String ns : NAMESPACES) {
        for (String id : AWKWARD) {
          Job job = job(ns, id);
          w.upsertJob(idx, job, false);
          Job stored = w.upsertJob(w.nextIndex(), job, false);
          int evals = ns.equals("default") && id.equals("web") ? 40 : 2;
          List<Evaluation> batch = new ArrayList<>();
          List<Allocation> allocs = new ArrayList<>();
          for (int e = 0; e < evals; e++) {
            String evalId = "eval-" + id + "-" + (serial++ % 7) + "-" + e;
            batch.add(Evaluation.pending(ns.equals("default") ? evalId : ns + evalId, ns, 50, "service",
                "job-register", id, stored.jobModifyIndex()));
          }
          for (int a = 0; a < 3; a++) {
            Evaluation by = batch.get(a % batch.size());
            allocs.add(alloc(by.id() + "/" + a, by, stored, "node-" + (1 + serial % 3),
                a == 2 ? Allocation.CLIENT_COMPLETE : Allocation.CLIENT_RUNNING, 20000 + serial * 3 + a));
          }
          w.upsertEvals(w.nextIndex(), batch);
          w.upsertAllocs(w.nextIndex(), allocs, false);
        }
      }
      idx = w.nextIndex();
      Job web = w.job(new JobKey("default", "web"));
      for (String d : List.of("dep-2", "dep-1", "dep-\u0100")) {
        w.upsertDeployment(idx, new Deployment(d, "default", "web", 1, web.jobModifyIndex(), web.jobModifyIndex(),
            web.createIndex(), Map.of(), Deployment.STATUS_RUNNING, "Deployment is running", 0, 0));
      }
      w.upsertPeriodicLaunch(idx, "default", "web-1", Instant.parse("2024-05-01T02:00:00Z"));
      w.upsertPeriodicLaunch(idx, "team-a", "\u0100", Instant.parse("2024-05-02T02:00:00Z"));
      w.acl().upsertPolicy(idx, new AclPolicy("readonly", "read jobs", "namespace \"default\" { policy = \"read\" }",
          0, 0));
      w.acl().bootstrap(idx, new AclToken("accessor-1", "secret-1", "Bootstrap Token", AclToken.TYPE_MANAGEMENT,
          List.of(), true, Instant.parse("2024-05-01T00:00:00Z"), 0, 0));
      w.acl().upsertToken(idx, new AclToken("accessor-2", "secret-2", "reader", AclToken.TYPE_CLIENT,
          List.of("readonly"), false, Instant.parse("2024-05-01T00:00:00Z"), 0, 0));
    });
  }

  private static Job job(String namespace, String id) {
    String body = Jobs.example("placeholder").replace("\"placeholder\"", Json.MAPPER.valueToTree(id).toString())
        .replace("{\"Job\": {", "{\"Job\": {\"Namespace\": " + Json.MAPPER.valueToTree(namespace) + ", ");
    try {
      return JobCanonicalizer.canonicalize(Json.MAPPER.readTree(body).get("Job").traverse(Json.MAPPER)
          .readValueAs(Job.class));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Allocation alloc(String id, Evaluation eval, Job job, String nodeId, String clientStatus, int port) {
    Resources resources = new Resources(100, 64, 10, 0, List.of(new NetworkResource("eth0", null, "10.0.0.1", 10,
        List.of(new Port("http", port)), List.of(new Port("db", port + 10000)))));
    return new Allocation(id, job.namespace(), eval.id(), job.id() + ".cache[0]", nodeId, job.id(), job, "cache",
        resources, null, Map.of(), null, Allocation.DESIRED_RUN, "", null, clientStatus, "", Map.of(), "", "", "",
        null, null, "", 0, 0, 0, 1, 1);
  }

  private static Node node(String id) {
    return new Node(id, "secret-" + id, "dc1", id, "10.0.0.1:4646", false, Map.of(), new Resources(4000, 8192, 100000,
        0, List.of()), null, null, null, "", "", false, null, Node.ELIGIBLE, Node.STATUS_READY, "", 0, List.of(),
        Map.of(), 0, 0);
  }
}
