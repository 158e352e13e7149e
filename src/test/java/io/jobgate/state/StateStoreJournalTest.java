package io.jobgate.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobgate.structs.Evaluation;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The store's side of durability: nothing is visible or answered before the journal returns. */
class StateStoreJournalTest {

  private final Vertx vertx = Vertx.vertx();
  private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
  private volatile CountDownLatch gate = new CountDownLatch(0);
  private volatile boolean failing;

  private final Journal journal = batch -> {
    gate.await(10, TimeUnit.SECONDS);
    if (failing) {
      throw new java.io.IOException("disk full");
    }
    batchSizes.add(batch.size());
  };

  @AfterEach
  void close() {
    vertx.close();
  }

  private static Future<Long> addEval(StateStore store, String id) {
    return store.write(w -> {
      long idx = w.nextIndex();
      w.upsertEvals(idx, List.of(Evaluation.pending(id, "default", 50, "service", "job-register", "job-" + id, 0)));
      return idx;
    });
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aWriteIsNeitherVisibleNorAnsweredBeforeItIsDurable() throws Exception {
    StateStore store = new StateStore(vertx, StateSnapshot.empty(), journal);
    gate = new CountDownLatch(1);
    Future<Long> write = addEval(store, "a");
    Thread.sleep(200);
    assertTrue(!write.isComplete(), "answered before durable");
    assertNull(store.snapshot().eval("a"));
    gate.countDown();
    assertEquals(2L, await(write), "the empty store is at index 1");
    assertNotNull(store.snapshot().eval("a"));
  }

  @Test
  void writesArrivingDuringAJournalCallShareTheNextOne() throws Exception {
    StateStore store = new StateStore(vertx, StateSnapshot.empty(), journal);
    gate = new CountDownLatch(1);
    List<Future<Long>> writes = new ArrayList<>();
    writes.add(addEval(store, "first"));
    Thread.sleep(100);
    for (int i = 0; i < 10; i++) {
      writes.add(addEval(store, "e" + i));
    }
    Thread.sleep(100);
    gate.countDown();
    for (int i = 0; i < writes.size(); i++) {
      assertEquals(i + 2L, await(writes.get(i)), "answered in commit order");
    }
    assertEquals(List.of(1, 10), batchSizes);
  }

  @Test
  void aWriteThatCannotBeMadeDurableFailsAndIsRolledBack() throws Exception {
    StateStore store = new StateStore(vertx, StateSnapshot.empty(), journal);
    await(addEval(store, "kept"));
    failing = true;
    gate = new CountDownLatch(1);
    Future<Long> lost = addEval(store, "lost");
    Thread.sleep(100);
    Future<Long> behind = addEval(store, "behind");
    gate.countDown();
    ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () -> await(lost));
    assertInstanceOf(DurabilityException.class, e.getCause());
    assertTrue(e.getCause().getMessage().contains("disk full"), e.getCause().getMessage());
    // Built on the lost write, the one queued behind it fails too.
    assertInstanceOf(DurabilityException.class,
        org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () -> await(behind)).getCause());
    assertNull(store.snapshot().eval("lost"));
    assertEquals(2, store.snapshot().index());

    failing = false;
    assertEquals(3L, await(addEval(store, "after")), "the next write reuses the index that was never acknowledged");
    assertNotNull(store.snapshot().eval("kept"));
    assertNull(store.snapshot().eval("lost"));
    assertNull(store.snapshot().eval("behind"));
  }
}
