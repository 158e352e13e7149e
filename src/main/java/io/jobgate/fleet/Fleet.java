package io.jobgate.fleet;

import io.jobgate.config.FleetConfig;
import io.jobgate.config.NodeGroupConfig;
import io.jobgate.state.StateChange;
import io.jobgate.state.StateSnapshot;
import io.jobgate.state.StateStore;
import io.jobgate.state.StateWriter;
import io.jobgate.state.Table;
import io.jobgate.state.WatchKey;
import io.jobgate.structs.Allocation;
import io.jobgate.structs.DriverInfo;
import io.jobgate.structs.EvalBuilder;
import io.jobgate.structs.Evaluation;
import io.jobgate.structs.Job;
import io.jobgate.structs.Node;
import io.jobgate.structs.TimeScale;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The simulated client fleet, on an event loop of its own: registers the configured nodes, runs
 * every allocation placed on them with the mock driver ({@link AllocRunner}), and reports back
 * through the store like real clients would. {@link #addNode} joins a node at runtime, which is
 * how capacity appears for blocked evaluations.
 */
public final class Fleet {

  private final Vertx vertx;
  private final StateStore store;
  private final FleetConfig config;
  private final String defaultDatacenter;
  private final TimeScale scale;
  private final Context context;
  private final ClientUpdates updates;
  private final Set<String> nodes = new HashSet<>();
  private final Map<String, AllocRunner> runners = new HashMap<>();
  private long ordinal;

  public Fleet(Vertx vertx, StateStore store, FleetConfig config, String defaultDatacenter) {
    this.vertx = vertx;
    this.store = store;
    this.config = config;
    this.defaultDatacenter = defaultDatacenter;
    this.scale = new TimeScale(config.timeScale());
    this.context = vertx.getOrCreateContext();
    this.updates = new ClientUpdates(vertx, store);
  }

  /** Registers the configured nodes in one write, then starts running what lands on them. */
  public Future<Void> start() {
    Promise<Void> started = Promise.promise();
    context.runOnContext(v -> {
      List<Node> built = new ArrayList<>();
      Instant now = Instant.now();
      for (NodeGroupConfig g : config.nodes()) {
        Map<String, DriverInfo> drivers = NodeFactory.drivers(g.drivers(), now);
        for (int i = 1; i <= g.count(); i++) {
          built.add(NodeFactory.build(g, datacenter(g), i, ++ordinal, drivers, now));
        }
      }
      for (Node n : built) {
        nodes.add(n.id());
      }
      vertx.eventBus().<StateChange>localConsumer(StateChange.ADDRESS, msg -> onChange(msg.body()))
          .completion()
          .compose(x -> built.isEmpty() ? Future.succeededFuture() : store.write(w -> {
            register(w, built);
            return null;
          }))
          .onSuccess(x -> resume())
          .<Void>mapEmpty()
          .onComplete(started);
    });
    return started.future();
  }

  /**
   * Joins one more node shaped by {@code group} (its {@code count} is ignored) and files a
   * {@code node-update} evaluation for every system job, as Nomad's node registration does.
   */
  public Future<Node> addNode(NodeGroupConfig group) {
    Promise<Node> added = Promise.promise();
    context.runOnContext(v -> {
      Instant now = Instant.now();
      long n = ++ordinal;
      Node node = NodeFactory.build(group, datacenter(group), (int) n, n, NodeFactory.drivers(group.drivers(), now),
          now);
      nodes.add(node.id());
      store.write(w -> register(w, List.of(node)).get(0)).onComplete(added);
    });
    return added.future();
  }

  private String datacenter(NodeGroupConfig g) {
    return g.datacenter() == null || g.datacenter().isEmpty() ? defaultDatacenter : g.datacenter();
  }

  private static List<Node> register(StateWriter w, List<Node> batch) {
    List<Node> out = new ArrayList<>(batch.size());
    for (Node n : batch) {
      long idx = w.nextIndex();
      Node stored = w.upsertNode(idx, n);
      out.add(stored);
      List<Evaluation> evals = new ArrayList<>();
      for (Job j : w.view().allJobs()) {
        if (Job.TYPE_SYSTEM.equals(j.type()) && !j.stopped()) {
          EvalBuilder b = EvalBuilder.from(Evaluation.pending(UUID.randomUUID().toString(), j.namespace(),
              j.priority(), j.type(), Evaluation.TRIGGER_NODE_UPDATE, j.id(), j.modifyIndex()));
          b.nodeId = stored.id();
          b.nodeModifyIndex = idx;
          evals.add(b.build());
        }
      }
      if (!evals.isEmpty()) {
        w.upsertEvals(idx, evals);
      }
    }
    return out;
  }

  /**
   * Runs again what a previous life of the agent left running on these nodes (durable state), as
   * a restarted Nomad client restores its allocations: the tasks start over.
   */
  private void resume() {
    for (Allocation a : store.snapshot().allAllocs()) {
      if (nodes.contains(a.nodeId()) && !a.terminal() && !runners.containsKey(a.id())) {
        AllocRunner r = new AllocRunner(vertx, scale, updates, a);
        runners.put(a.id(), r);
        r.start();
      }
    }
  }

  /** Starts runners for new allocations on our nodes and tells existing ones what changed. */
  private void onChange(StateChange change) {
    if (updates.ownWrite(change.index()) || !change.tables().contains(Table.ALLOCS)) {
      return;
    }
    StateSnapshot snap = store.snapshot();
    for (WatchKey k : change.keys()) {
      if (k.table() != Table.ALLOCS || k.key() == null || !k.key().startsWith("id:")) {
        continue;
      }
      Allocation a = snap.alloc(k.key().substring(3));
      if (a == null || !nodes.contains(a.nodeId())) {
        continue;
      }
      AllocRunner r = runners.get(a.id());
      if (r != null) {
        r.update(a);
        if (r.finished() && a.clientTerminal()) {
          runners.remove(a.id());
        }
      } else if (!a.terminal() && Allocation.CLIENT_PENDING.equals(a.clientStatus()) && a.taskStates() == null) {
        r = new AllocRunner(vertx, scale, updates, a);
        runners.put(a.id(), r);
        r.start();
      }
    }
  }
}
