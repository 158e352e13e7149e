package io.jobgate.acl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a token may do, compiled from its policies (Nomad's {@code acl.NewACL}): per namespace the
 * union of the granted capabilities, where {@code deny} anywhere wins; for the coarse blocks the
 * most privileged level, where {@code deny} again wins. A namespace is matched exactly first, then
 * by the closest wildcard rule. Immutable, so one instance serves every event loop.
 */
public final class Acl {

  private static final AtomicLong IDS = new AtomicLong();

  /** Everything allowed: management tokens, and every request while ACLs are off. */
  public static final Acl MANAGEMENT = new Acl(true, Map.of(), List.of(), null, null, null);

  private final long id;
  private final boolean management;
  private final Map<String, Set<String>> exact;
  /** Wildcard rules, ordered by pattern so ties between equally close matches break the same way. */
  private final List<Map.Entry<String, Set<String>>> globs;
  private final String agent;
  private final String node;
  private final String operator;

  private Acl(boolean management, Map<String, Set<String>> exact, List<Map.Entry<String, Set<String>>> globs,
      String agent, String node, String operator) {
    this.id = IDS.incrementAndGet();
    this.management = management;
    this.exact = exact;
    this.globs = globs;
    this.agent = agent;
    this.node = node;
    this.operator = operator;
  }

  /** Merges the policies of one client token. */
  public static Acl compile(Collection<Policy> policies) {
    Map<String, Set<String>> exact = new HashMap<>();
    Map<String, Set<String>> globs = new HashMap<>();
    String agent = null;
    String node = null;
    String operator = null;
    for (Policy p : policies) {
      for (Policy.NamespaceRule rule : p.namespaces()) {
        Map<String, Set<String>> target = rule.name().indexOf('*') >= 0 ? globs : exact;
        Set<String> caps = target.computeIfAbsent(rule.name(), n -> new HashSet<>());
        if (caps.contains(Capabilities.DENY)) {
          continue;
        }
        if (rule.capabilities().contains(Capabilities.DENY)) {
          caps.clear();
          caps.add(Capabilities.DENY);
        } else {
          caps.addAll(rule.capabilities());
        }
      }
      agent = stronger(agent, p.agent());
      node = stronger(node, p.node());
      operator = stronger(operator, p.operator());
    }
    Map<String, Set<String>> frozen = new HashMap<>();
    exact.forEach((k, v) -> frozen.put(k, Set.copyOf(v)));
    List<Map.Entry<String, Set<String>>> globList = new ArrayList<>();
    globs.forEach((k, v) -> globList.add(Map.entry(k, Set.copyOf(v))));
    globList.sort(Map.Entry.comparingByKey());
    return new Acl(false, Map.copyOf(frozen), List.copyOf(globList), agent, node, operator);
  }

  /** Deny beats everything, then write beats read (Nomad's {@code maxPrivilege}). */
  private static String stronger(String a, String b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    if (a.equals(Capabilities.POLICY_DENY) || b.equals(Capabilities.POLICY_DENY)) {
      return Capabilities.POLICY_DENY;
    }
    return a.equals(Capabilities.POLICY_WRITE) || b.equals(Capabilities.POLICY_WRITE)
        ? Capabilities.POLICY_WRITE : Capabilities.POLICY_READ;
  }

  /**
   * Tells apart what two ACLs may see: equal ids mean equal permissions, so blocking queries whose
   * answers are filtered by permission may share an answer only when their ids are equal.
   */
  public String visibilityKey() {
    return management ? "management" : Long.toString(id);
  }

  public boolean isManagement() {
    return management;
  }

  /** May {@code capability} be used in {@code namespace}? */
  public boolean allowNamespaceOperation(String namespace, String capability) {
    if (management) {
      return true;
    }
    Set<String> caps = capabilities(namespace);
    return caps != null && !caps.contains(Capabilities.DENY) && caps.contains(capability);
  }

  /** Is anything at all allowed in {@code namespace} (Nomad's {@code AllowNamespace})? */
  public boolean allowNamespace(String namespace) {
    if (management) {
      return true;
    }
    Set<String> caps = capabilities(namespace);
    return caps != null && !caps.isEmpty() && !caps.contains(Capabilities.DENY);
  }

  /** Does some namespace rule grant {@code capability}? Decides whether a {@code namespace=*} list may run. */
  public boolean allowOperationInSomeNamespace(String capability) {
    if (management) {
      return true;
    }
    for (Set<String> caps : exact.values()) {
      if (caps.contains(capability)) {
        return true;
      }
    }
    for (Map.Entry<String, Set<String>> g : globs) {
      if (g.getValue().contains(capability)) {
        return true;
      }
    }
    return false;
  }

  public boolean allowAgentRead() {
    return allows(agent, false);
  }

  public boolean allowAgentWrite() {
    return allows(agent, true);
  }

  public boolean allowNodeRead() {
    return allows(node, false);
  }

  public boolean allowNodeWrite() {
    return allows(node, true);
  }

  public boolean allowOperatorRead() {
    return allows(operator, false);
  }

  public boolean allowOperatorWrite() {
    return allows(operator, true);
  }

  private boolean allows(String level, boolean write) {
    if (management) {
      return true;
    }
    if (level == null || level.equals(Capabilities.POLICY_DENY)) {
      return false;
    }
    return !write || level.equals(Capabilities.POLICY_WRITE);
  }

  /**
   * The exact rule for {@code namespace}, else the wildcard rule closest to it: the one leaving
   * the fewest characters to its wildcards (Nomad's {@code findClosestMatchingGlob}).
   */
  private Set<String> capabilities(String namespace) {
    Set<String> caps = exact.get(namespace);
    if (caps != null || globs.isEmpty()) {
      return caps;
    }
    return globs.stream()
        .filter(g -> Glob.matches(g.getKey(), namespace))
        .min(Comparator.comparingInt(g -> difference(g.getKey(), namespace)))
        .map(Map.Entry::getValue)
        .orElse(null);
  }

  private static int difference(String glob, String namespace) {
    int stars = 0;
    for (int i = 0; i < glob.length(); i++) {
      if (glob.charAt(i) == '*') {
        stars++;
      }
    }
    return namespace.length() - glob.length() + stars;
  }
}
