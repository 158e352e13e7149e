package io.jobgate.state;

import io.jobgate.structs.AclBootstrap;
import io.jobgate.structs.AclPolicy;
import io.jobgate.structs.AclToken;
import io.jobgate.structs.Namespace;

/**
 * The ACL and namespace part of one {@link StateWriter} write. Each row written or deleted sets
 * its own indexes and its table's index, wakes the watchers of that row and of the table, and is
 * recorded as a {@link RowChange} for the journal, exactly as the job tables do.
 */
public final class AclWriter {

  /** The key of the single {@link Table#ACL_BOOTSTRAP} row. */
  public static final String BOOTSTRAP_KEY = "bootstrap";

  private final StateWriter w;

  AclWriter(StateWriter w) {
    this.w = w;
  }

  /** The tables as this write sees them so far. */
  public AclTables tables() {
    return w.acl;
  }

  public AclPolicy upsertPolicy(long idx, AclPolicy policy) {
    AclPolicy existing = w.acl.policies.get(policy.name());
    AclPolicy stored = new AclPolicy(policy.name(), policy.description(), policy.rules(),
        existing == null ? idx : existing.createIndex(), idx);
    w.acl = new AclTables(w.acl.policies.plus(stored.name(), stored), w.acl.tokens, w.acl.accessorBySecretHash,
        w.acl.namespaces, w.acl.bootstrap);
    record(idx, Table.ACL_POLICIES, stored.name(), stored);
    return stored;
  }

  public void deletePolicy(long idx, String name) {
    if (!w.acl.policies.containsKey(name)) {
      return;
    }
    w.acl = new AclTables(w.acl.policies.minus(name), w.acl.tokens, w.acl.accessorBySecretHash, w.acl.namespaces,
        w.acl.bootstrap);
    record(idx, Table.ACL_POLICIES, name, null);
  }

  /** Creates or updates a token; CreateIndex stays with an existing accessor. */
  public AclToken upsertToken(long idx, AclToken token) {
    AclToken existing = w.acl.tokens.get(token.accessorId());
    AclToken stored = new AclToken(token.accessorId(), token.secretId(), token.name(), token.type(), token.policies(),
        token.global(), token.createTime(), existing == null ? idx : existing.createIndex(), idx);
    var bySecret = w.acl.accessorBySecretHash;
    if (existing != null) {
      bySecret = bySecret.minus(AclTables.secretHash(existing.secretId()));
    }
    bySecret = bySecret.plus(AclTables.secretHash(stored.secretId()), stored.accessorId());
    w.acl = new AclTables(w.acl.policies, w.acl.tokens.plus(stored.accessorId(), stored), bySecret,
        w.acl.namespaces, w.acl.bootstrap);
    record(idx, Table.ACL_TOKENS, stored.accessorId(), stored);
    return stored;
  }

  public void deleteToken(long idx, String accessorId) {
    AclToken existing = w.acl.tokens.get(accessorId);
    if (existing == null) {
      return;
    }
    w.acl = new AclTables(w.acl.policies, w.acl.tokens.minus(accessorId),
        w.acl.accessorBySecretHash.minus(AclTables.secretHash(existing.secretId())), w.acl.namespaces,
        w.acl.bootstrap);
    record(idx, Table.ACL_TOKENS, accessorId, null);
  }

  /** Stores the bootstrap management token and the mark that forbids a second bootstrap. */
  public AclToken bootstrap(long idx, AclToken token) {
    AclToken stored = upsertToken(idx, token);
    AclBootstrap mark = new AclBootstrap(idx);
    w.acl = new AclTables(w.acl.policies, w.acl.tokens, w.acl.accessorBySecretHash, w.acl.namespaces, mark);
    record(idx, Table.ACL_BOOTSTRAP, BOOTSTRAP_KEY, mark);
    return stored;
  }

  public Namespace upsertNamespace(long idx, Namespace namespace) {
    Namespace existing = w.acl.namespaces.get(namespace.name());
    Namespace stored = new Namespace(namespace.name(), namespace.description(),
        existing == null ? idx : existing.createIndex(), idx);
    w.acl = new AclTables(w.acl.policies, w.acl.tokens, w.acl.accessorBySecretHash,
        w.acl.namespaces.plus(stored.name(), stored), w.acl.bootstrap);
    record(idx, Table.NAMESPACES, stored.name(), stored);
    return stored;
  }

  public void deleteNamespace(long idx, String name) {
    if (!w.acl.namespaces.containsKey(name)) {
      return;
    }
    w.acl = new AclTables(w.acl.policies, w.acl.tokens, w.acl.accessorBySecretHash, w.acl.namespaces.minus(name),
        w.acl.bootstrap);
    record(idx, Table.NAMESPACES, name, null);
  }

  private void record(long idx, Table table, String key, Object value) {
    w.touch(idx, table, WatchKey.id(table, key));
    w.changes.add(new RowChange(table, key, value));
  }
}
