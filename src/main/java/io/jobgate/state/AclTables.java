package io.jobgate.state;

import io.jobgate.structs.AclBootstrap;
import io.jobgate.structs.AclPolicy;
import io.jobgate.structs.AclToken;
import io.jobgate.structs.Namespace;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;
import org.pcollections.TreePMap;

/**
 * The access-control part of a snapshot: ACL policies by name, tokens by accessor, namespaces by
 * name, and the bootstrap mark. Immutable like the rest of the snapshot.
 *
 * <p>Tokens are found by secret through the SHA-256 of the secret, never the secret itself: how
 * long a lookup takes then says nothing about how close a guess came, and the one comparison of
 * secrets runs in constant time.
 */
public final class AclTables {

  /** The namespace every agent has from the start, as Nomad creates it. */
  static final Namespace DEFAULT_NAMESPACE = new Namespace(Namespace.DEFAULT, "Default shared namespace", 1, 1);

  static final AclTables EMPTY = of(List.of(), List.of(), List.of(), null);

  final TreePMap<String, AclPolicy> policies;
  final TreePMap<String, AclToken> tokens;
  final PMap<String, String> accessorBySecretHash;
  final TreePMap<String, Namespace> namespaces;
  final AclBootstrap bootstrap;

  AclTables(TreePMap<String, AclPolicy> policies, TreePMap<String, AclToken> tokens,
      PMap<String, String> accessorBySecretHash, TreePMap<String, Namespace> namespaces, AclBootstrap bootstrap) {
    this.policies = policies;
    this.tokens = tokens;
    this.accessorBySecretHash = accessorBySecretHash;
    this.namespaces = namespaces;
    this.bootstrap = bootstrap;
  }

  /**
   * Builds the tables from their rows, as a restore reads them; the secret index is derived, and
   * the default namespace is there even when no row names it.
   */
  public static AclTables of(List<AclPolicy> policies, List<AclToken> tokens, List<Namespace> namespaces,
      AclBootstrap bootstrap) {
    TreePMap<String, AclPolicy> p = TreePMap.empty();
    for (AclPolicy policy : policies) {
      p = p.plus(policy.name(), policy);
    }
    TreePMap<String, AclToken> t = TreePMap.empty();
    PMap<String, String> bySecret = HashTreePMap.empty();
    for (AclToken token : tokens) {
      t = t.plus(token.accessorId(), token);
      bySecret = bySecret.plus(secretHash(token.secretId()), token.accessorId());
    }
    TreePMap<String, Namespace> n = TreePMap.<String, Namespace>empty().plus(Namespace.DEFAULT, DEFAULT_NAMESPACE);
    for (Namespace ns : namespaces) {
      n = n.plus(ns.name(), ns);
    }
    return new AclTables(p, t, bySecret, n, bootstrap);
  }

  public AclPolicy policy(String name) {
    return policies.get(name);
  }

  /** Policies whose name starts with {@code prefix}, by name. */
  public List<AclPolicy> policies(String prefix) {
    return byPrefix(policies, prefix);
  }

  public AclToken token(String accessorId) {
    return tokens.get(accessorId);
  }

  /** Tokens whose accessor starts with {@code prefix}, by accessor. */
  public List<AclToken> tokens(String prefix) {
    return byPrefix(tokens, prefix);
  }

  /** The token whose secret is {@code secret}, or null. */
  public AclToken tokenBySecret(String secret) {
    String accessor = accessorBySecretHash.get(secretHash(secret));
    AclToken token = accessor == null ? null : tokens.get(accessor);
    if (token == null || !MessageDigest.isEqual(token.secretId().getBytes(StandardCharsets.UTF_8),
        secret.getBytes(StandardCharsets.UTF_8))) {
      return null;
    }
    return token;
  }

  public Namespace namespace(String name) {
    return namespaces.get(name);
  }

  /** Namespaces whose name starts with {@code prefix}, by name. */
  public List<Namespace> namespaces(String prefix) {
    return byPrefix(namespaces, prefix);
  }

  /** The bootstrap mark, or null while ACLs were never bootstrapped. */
  public AclBootstrap bootstrap() {
    return bootstrap;
  }

  /** SHA-256 of a secret in hex: the key of the secret index, safe to compare in any time. */
  public static String secretHash(String secret) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static <V> List<V> byPrefix(TreePMap<String, V> map, String prefix) {
    List<V> out = new ArrayList<>();
    for (Map.Entry<String, V> e : map.tailMap(prefix, true).entrySet()) {
      if (!e.getKey().startsWith(prefix)) {
        break;
      }
      out.add(e.getValue());
    }
    return out;
  }
}
