package io.jobgate.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobgate.structs.AclBootstrap;
import io.jobgate.structs.AclPolicy;
import io.jobgate.structs.AclToken;
import io.jobgate.structs.Json;
import io.jobgate.structs.Namespace;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ACL rows behave like every other table: indexes, watch keys, and a RowChange per row for the journal. */
class AclWriterTest {

  private static final AclToken TOKEN = new AclToken("acc-1", "sec-1", "t", AclToken.TYPE_CLIENT, List.of("p"),
      false, Instant.parse("2024-01-02T03:04:05.123456789Z"), 0, 0);

  @Test
  void everyWriteRecordsItsRowsIndexesAndWatchKeys() {
    StateWriter w = new StateWriter(StateSnapshot.empty());
    long idx = w.nextIndex();
    AclPolicy p = w.acl().upsertPolicy(idx, new AclPolicy("p", "d", "agent { policy = \"read\" }", 0, 0));
    AclToken t = w.acl().bootstrap(idx, TOKEN);
    Namespace ns = w.acl().upsertNamespace(idx, new Namespace("dev", "", 0, 0));

    assertEquals(List.of(new RowChange(Table.ACL_POLICIES, "p", p), new RowChange(Table.ACL_TOKENS, "acc-1", t),
        new RowChange(Table.ACL_BOOTSTRAP, AclWriter.BOOTSTRAP_KEY, new AclBootstrap(idx)),
        new RowChange(Table.NAMESPACES, "dev", ns)), w.rowChanges());
    StateSnapshot s = w.build();
    for (Table table : List.of(Table.ACL_POLICIES, Table.ACL_TOKENS, Table.ACL_BOOTSTRAP, Table.NAMESPACES)) {
      assertEquals(idx, s.tableIndex(table), table.wireName());
    }
    StateChange change = w.change();
    assertTrue(change.keys().contains(WatchKey.id(Table.ACL_POLICIES, "p")));
    assertTrue(change.keys().contains(WatchKey.table(Table.NAMESPACES)));
    assertEquals(idx, p.createIndex());
    assertEquals(idx, s.acl().token("acc-1").modifyIndex());
  }

  @Test
  void updatesKeepCreateIndexAndDeletesAreJournalled() {
    StateWriter w = new StateWriter(StateSnapshot.empty());
    long first = w.nextIndex();
    w.acl().upsertToken(first, TOKEN);
    long second = w.nextIndex();
    AclToken renamed = w.acl().upsertToken(second, new AclToken("acc-1", "sec-1", "renamed", AclToken.TYPE_CLIENT,
        List.of("p"), false, TOKEN.createTime(), 0, 0));
    assertEquals(first, renamed.createIndex());
    assertEquals(second, renamed.modifyIndex());
    long third = w.nextIndex();
    w.acl().deleteToken(third, "acc-1");
    assertEquals(new RowChange(Table.ACL_TOKENS, "acc-1", null), w.rowChanges().get(2));
    assertNull(w.build().acl().tokenBySecret("sec-1"), "a deleted token's secret still resolves");
  }

  @Test
  void secretsResolveOnlyWhenExactlyEqual() {
    StateWriter w = new StateWriter(StateSnapshot.empty());
    w.acl().upsertToken(w.nextIndex(), TOKEN);
    AclTables tables = w.build().acl();
    assertEquals("acc-1", tables.tokenBySecret("sec-1").accessorId());
    for (String wrong : new String[] {"", "sec-", "sec-10", "SEC-1", "acc-1"}) {
      assertNull(tables.tokenBySecret(wrong), wrong);
    }
  }

  @Test
  void theDefaultNamespaceIsAlwaysThere() {
    assertEquals(Namespace.DEFAULT, StateSnapshot.empty().acl().namespace(Namespace.DEFAULT).name());
    AclTables restored = AclTables.of(List.of(), List.of(TOKEN), List.of(new Namespace("dev", "", 5, 5)), null);
    assertEquals(List.of("default", "dev"), restored.namespaces("").stream().map(Namespace::name).toList());
    assertSame(null, restored.bootstrap());
    assertEquals("acc-1", restored.tokenBySecret("sec-1").accessorId());
  }

  @Test
  void rowsSurviveTheJournalsJsonAndSecretsStayOutOfToString() throws Exception {
    for (Object row : List.of(TOKEN, new AclPolicy("p", "d", "r", 3, 4), new Namespace("n", "d", 5, 6),
        new AclBootstrap(7))) {
      String json = Json.MAPPER.writeValueAsString(row);
      assertEquals(row, Json.MAPPER.readValue(json, row.getClass()), json);
    }
    assertTrue(Json.MAPPER.writeValueAsString(TOKEN).contains("\"SecretID\":\"sec-1\""));
    assertTrue(Json.MAPPER.writeValueAsString(TOKEN).contains("\"AccessorID\":\"acc-1\""));
    assertFalse(TOKEN.toString().contains("sec-1"));
    assertFalse(Json.MAPPER.writeValueAsString(TOKEN.stub()).contains("sec-1"));
  }
}
