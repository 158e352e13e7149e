package io.jobgate.endpoint;

import io.jobgate.acl.Acl;
import io.jobgate.acl.Policy;
import io.jobgate.acl.PolicyException;
import io.jobgate.acl.PolicyParser;
import io.jobgate.state.AclTables;
import io.jobgate.state.AclWriter;
import io.jobgate.state.StateStore;
import io.jobgate.state.Table;
import io.jobgate.state.WatchKey;
import io.jobgate.structs.AclBootstrap;
import io.jobgate.structs.AclPolicy;
import io.jobgate.structs.AclPolicyListStub;
import io.jobgate.structs.AclToken;
import io.jobgate.structs.AclTokenListStub;
import io.jobgate.structs.GoTime;
import io.jobgate.structs.MultiError;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Nomad's {@code ACL} RPC endpoint ({@code nomad/acl_endpoint.go}): bootstrap, policies, tokens,
 * and resolving a request's secret into what it may do. Every operation answers
 * {@code ACL support disabled} while ACLs are off.
 */
public final class AclEndpoint {

  private static final System.Logger LOG = System.getLogger(AclEndpoint.class.getName());

  /** Nomad's {@code validPolicyName}. */
  private static final Pattern POLICY_NAME = Pattern.compile("^[a-zA-Z0-9-]{1,128}$");
  private static final int MAX_DESCRIPTION_LENGTH = 256;
  private static final int MAX_TOKEN_NAME_LENGTH = 256;
  /** Compiled ACLs kept per distinct policy set; past this many the cache starts over. */
  private static final int MAX_COMPILED = 1024;

  private final StateStore store;
  private final boolean enabled;
  /**
   * Compiled ACLs by the exact policy rows they came from, so an edited policy (new rules, new
   * ModifyIndex) compiles afresh and parsing happens once per policy version, not per request.
   */
  private final Map<List<AclPolicy>, Acl> compiled = new ConcurrentHashMap<>();

  public AclEndpoint(StateStore store, boolean enabled) {
    this.store = store;
    this.enabled = enabled;
  }

  // ---------------------------------------------------------------- resolving a request's token

  /**
   * The caller behind {@code secret} (the {@code X-Nomad-Token} value; null or empty is the
   * anonymous token). An unknown secret is refused with {@code ACL token not found}.
   */
  public Caller resolve(String secret) {
    if (!enabled) {
      return Caller.UNRESTRICTED;
    }
    AclTables tables = store.snapshot().acl();
    AclToken token;
    if (secret == null || secret.isEmpty()) {
      token = AclToken.ANONYMOUS;
    } else {
      token = tables.tokenBySecret(secret);
      if (token == null) {
        throw Permissions.tokenNotFound();
      }
    }
    if (token.management()) {
      return new Caller(token, Acl.MANAGEMENT);
    }
    List<AclPolicy> policies = new ArrayList<>();
    for (String name : token.policies() == null ? List.<String>of() : token.policies()) {
      AclPolicy p = tables.policy(name);
      // A token may name a policy that does not exist (yet): it grants nothing, as in Nomad.
      if (p != null) {
        policies.add(p);
      }
    }
    return new Caller(token, compile(policies));
  }

  private Acl compile(List<AclPolicy> policies) {
    Acl acl = compiled.get(policies);
    if (acl != null) {
      return acl;
    }
    List<Policy> parsed = new ArrayList<>(policies.size());
    for (AclPolicy p : policies) {
      try {
        parsed.add(PolicyParser.parse(p.rules()));
      } catch (PolicyException e) {
        // Rules are checked when written, so only a foreign journal gets here: fail closed.
        LOG.log(System.Logger.Level.WARNING, "ACL policy \"" + p.name() + "\" does not parse and grants nothing: "
            + e.getMessage());
      }
    }
    acl = Acl.compile(parsed);
    if (compiled.size() >= MAX_COMPILED) {
      compiled.clear();
    }
    compiled.put(List.copyOf(policies), acl);
    return acl;
  }

  private void requireEnabled() {
    if (!enabled) {
      throw EndpointException.invalid("ACL support disabled");
    }
  }

  // ---------------------------------------------------------------- bootstrap

  /** Creates the first management token; once only, even if that token is later deleted. */
  public Future<AclToken> bootstrap() {
    requireEnabled();
    return store.write(w -> {
      AclWriter acl = w.acl();
      AclBootstrap done = acl.tables().bootstrap();
      if (done != null) {
        throw EndpointException.invalid("ACL bootstrap already done (reset index: " + done.resetIndex() + ")");
      }
      AclToken token = new AclToken(Ids.uuid(), Ids.uuid(), "Bootstrap Token", AclToken.TYPE_MANAGEMENT, null, true,
          GoTime.nowUtc(), 0, 0);
      return acl.bootstrap(w.nextIndex(), token);
    });
  }

  // ---------------------------------------------------------------- policies

  /** Creates or replaces a policy; its rules must parse (the error names line and column). */
  public Future<Long> upsertPolicy(Caller caller, AclPolicyRequest policy) {
    requireEnabled();
    Permissions.requireManagement(caller.acl());
    List<String> errors = new ArrayList<>();
    if (policy.name() == null || !POLICY_NAME.matcher(policy.name()).matches()) {
      errors.add("invalid name '" + (policy.name() == null ? "" : policy.name()) + "'");
    }
    try {
      PolicyParser.parse(policy.rules());
    } catch (PolicyException e) {
      errors.add("failed to parse rules: " + e.getMessage());
    }
    if (policy.description() != null && policy.description().length() > MAX_DESCRIPTION_LENGTH) {
      errors.add("description longer than " + MAX_DESCRIPTION_LENGTH);
    }
    if (!errors.isEmpty()) {
      return Future.failedFuture(EndpointException.invalid("policy 0 invalid: " + MultiError.format(errors)));
    }
    AclPolicy clean = new AclPolicy(policy.name(), policy.description() == null ? "" : policy.description(),
        policy.rules() == null ? "" : policy.rules(), 0, 0);
    return store.write(w -> {
      long idx = w.nextIndex();
      w.acl().upsertPolicy(idx, clean);
      return idx;
    });
  }

  public Future<Long> deletePolicy(Caller caller, String name) {
    requireEnabled();
    Permissions.requireManagement(caller.acl());
    return store.write(w -> {
      AclWriter acl = w.acl();
      if (acl.tables().policy(name) == null) {
        throw EndpointException.invalid("Cannot delete nonexistent policies: " + name);
      }
      long idx = w.nextIndex();
      acl.deletePolicy(idx, name);
      return idx;
    });
  }

  /** Management tokens list every policy; others only those they hold. */
  public Read policies(Caller caller, String prefix) {
    requireEnabled();
    boolean all = caller.acl().isManagement();
    List<String> held = all ? List.of() : caller.token().policies();
    return new Read(List.of(WatchKey.table(Table.ACL_POLICIES)), s -> Read.Result.lazy(
        s.tableIndex(Table.ACL_POLICIES), () -> {
          List<AclPolicyListStub> out = new ArrayList<>();
          for (AclPolicy p : s.acl().policies(prefix)) {
            if (all || held.contains(p.name())) {
              out.add(p.stub());
            }
          }
          return out;
        }));
  }

  /** A policy, to management tokens, to holders of it, and (the anonymous policy) to anyone. */
  public Read policy(Caller caller, String name) {
    requireEnabled();
    if (!caller.acl().isManagement() && !AclToken.ANONYMOUS_POLICY.equals(name)
        && !caller.token().policies().contains(name)) {
      throw Permissions.denied();
    }
    return new Read(List.of(WatchKey.id(Table.ACL_POLICIES, name)), s -> {
      AclPolicy p = s.acl().policy(name);
      return p == null ? Read.Result.missing(s.tableIndex(Table.ACL_POLICIES), "ACL policy not found")
          : Read.Result.of(p.modifyIndex(), p);
    });
  }

  // ---------------------------------------------------------------- tokens

  /**
   * Creates a token (no AccessorID: a new accessor and secret are made) or updates one (its
   * secret, creation time and Global flag stay). The answer carries the secret.
   */
  public Future<AclToken> upsertToken(Caller caller, AclTokenRequest token) {
    requireEnabled();
    Permissions.requireManagement(caller.acl());
    List<String> errors = new ArrayList<>();
    if (token.name() != null && token.name().length() > MAX_TOKEN_NAME_LENGTH) {
      errors.add("token name too long");
    }
    boolean hasPolicies = token.policies() != null && !token.policies().isEmpty();
    if (AclToken.TYPE_CLIENT.equals(token.type())) {
      if (!hasPolicies) {
        errors.add("client token missing policies");
      }
    } else if (AclToken.TYPE_MANAGEMENT.equals(token.type())) {
      if (hasPolicies) {
        errors.add("management token cannot be associated with policies");
      }
    } else {
      errors.add("token type must be client or management");
    }
    if (!errors.isEmpty()) {
      return Future.failedFuture(EndpointException.invalid("token 0 invalid: " + MultiError.format(errors)));
    }
    List<String> policies = hasPolicies ? List.copyOf(token.policies()) : null;
    String name = token.name() == null ? "" : token.name();
    boolean global = Boolean.TRUE.equals(token.global());
    return store.write(w -> {
      AclWriter acl = w.acl();
      String accessor = token.accessorID();
      AclToken stored;
      if (accessor == null || accessor.isEmpty()) {
        stored = new AclToken(Ids.uuid(), Ids.uuid(), name, token.type(), policies, global, GoTime.nowUtc(), 0, 0);
      } else {
        AclToken existing = acl.tables().token(accessor);
        if (existing == null) {
          throw EndpointException.invalid("cannot find token " + accessor);
        }
        if (existing.global() != global) {
          throw EndpointException.invalid("cannot toggle global mode of " + accessor);
        }
        stored = new AclToken(accessor, existing.secretId(), name, token.type(), policies, existing.global(),
            existing.createTime(), 0, 0);
      }
      return acl.upsertToken(w.nextIndex(), stored);
    });
  }

  public Future<Long> deleteToken(Caller caller, String accessor) {
    requireEnabled();
    Permissions.requireManagement(caller.acl());
    return store.write(w -> {
      AclWriter acl = w.acl();
      if (acl.tables().token(accessor) == null) {
        throw EndpointException.invalid("Cannot delete nonexistent tokens: " + accessor);
      }
      long idx = w.nextIndex();
      acl.deleteToken(idx, accessor);
      return idx;
    });
  }

  /** Token stubs (never secrets), to management tokens only. */
  public Read tokens(Caller caller, String prefix) {
    requireEnabled();
    Permissions.requireManagement(caller.acl());
    return new Read(List.of(WatchKey.table(Table.ACL_TOKENS)), s -> Read.Result.lazy(
        s.tableIndex(Table.ACL_TOKENS), () -> {
          List<AclTokenListStub> out = new ArrayList<>();
          for (AclToken t : s.acl().tokens(prefix)) {
            out.add(t.stub());
          }
          return out;
        }));
  }

  /** A token with its secret: to management tokens, and to the token itself. */
  public Read token(Caller caller, String accessor) {
    requireEnabled();
    if (!caller.acl().isManagement() && (caller.token() == AclToken.ANONYMOUS
        || !caller.token().accessorId().equals(accessor))) {
      throw Permissions.denied();
    }
    return new Read(List.of(WatchKey.id(Table.ACL_TOKENS, accessor)), s -> {
      AclToken t = s.acl().token(accessor);
      return t == null ? Read.Result.missing(s.tableIndex(Table.ACL_TOKENS), Permissions.TOKEN_NOT_FOUND)
          : Read.Result.of(t.modifyIndex(), t);
    });
  }

  /** {@code /v1/acl/token/self}: the token whose secret the request carries, or 404. */
  public Read self(String secret) {
    requireEnabled();
    boolean none = secret == null || secret.isEmpty();
    return new Read(List.of(WatchKey.table(Table.ACL_TOKENS)), s -> {
      AclToken t = none ? null : s.acl().tokenBySecret(secret);
      return t == null ? Read.Result.missing(s.tableIndex(Table.ACL_TOKENS), Permissions.TOKEN_NOT_FOUND)
          : Read.Result.of(t.modifyIndex(), t);
    });
  }
}
