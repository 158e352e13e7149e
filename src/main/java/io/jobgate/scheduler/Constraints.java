package io.jobgate.scheduler;

import io.jobgate.structs.Constraint;
import io.jobgate.structs.Node;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Nomad's constraint checker (spec §15.3): targets beginning with {@code ${} are resolved against
 * the node ({@code node.unique.id}, {@code node.unique.name}, {@code node.datacenter},
 * {@code node.class}, {@code attr.*}, {@code meta.*}); an unresolvable target fails the node.
 */
final class Constraints {

  static final String DISTINCT_HOSTS = "distinct_hosts";
  static final String DISTINCT_PROPERTY = "distinct_property";

  /** Compiled regexps are shared by every worker: job specs repeat them constantly. */
  private static final Map<String, Pattern> REGEXPS = new ConcurrentHashMap<>();

  private Constraints() {
  }

  /** The reason Nomad reports in {@code ConstraintFiltered}: {@code "<LTarget> <Operand> <RTarget>"}. */
  static String reason(Constraint c) {
    return c.lTarget() + " " + c.operand() + " " + c.rTarget();
  }

  /** A constraint naming something unique to one node cannot be judged per computed class. */
  static boolean escapes(List<Constraint> cs) {
    for (Constraint c : cs) {
      if (unique(c.lTarget()) || unique(c.rTarget())) {
        return true;
      }
    }
    return false;
  }

  private static boolean unique(String t) {
    return t != null && (t.startsWith("${node.unique.") || t.startsWith("${attr.unique.")
        || t.startsWith("${meta.unique."));
  }

  /** True when the node meets {@code c}; distinct_* are judged elsewhere and pass here. */
  static boolean meets(Constraint c, Node node) {
    String op = c.operand();
    if (DISTINCT_HOSTS.equals(op) || DISTINCT_PROPERTY.equals(op)) {
      return true;
    }
    String l = resolve(c.lTarget(), node);
    String r = resolve(c.rTarget(), node);
    if (l == null || r == null) {
      return false;
    }
    return switch (op) {
      case "=", "==", "is" -> l.equals(r);
      case "!=", "not" -> !l.equals(r);
      case "<" -> l.compareTo(r) < 0;
      case "<=" -> l.compareTo(r) <= 0;
      case ">" -> l.compareTo(r) > 0;
      case ">=" -> l.compareTo(r) >= 0;
      case "version" -> Versions.satisfies(l, r);
      case "regexp" -> regexp(l, r);
      case "set_contains" -> setContains(l, r);
      default -> false;
    };
  }

  /** Nomad's {@code resolveConstraintTarget}; null when the node lacks the target. */
  static String resolve(String target, Node node) {
    if (target == null) {
      return "";
    }
    if (!target.startsWith("${")) {
      return target;
    }
    switch (target) {
      case "${node.unique.id}":
        return node.id();
      case "${node.datacenter}":
        return node.datacenter();
      case "${node.unique.name}":
        return node.name();
      case "${node.class}":
        return node.nodeClass();
      default:
        break;
    }
    if (target.startsWith("${attr.") && target.endsWith("}")) {
      return lookup(node.attributes(), target.substring(7, target.length() - 1));
    }
    if (target.startsWith("${meta.") && target.endsWith("}")) {
      return lookup(node.meta(), target.substring(7, target.length() - 1));
    }
    return null;
  }

  private static String lookup(Map<String, String> m, String key) {
    return m == null ? null : m.get(key);
  }

  private static boolean regexp(String l, String r) {
    Pattern p = REGEXPS.computeIfAbsent(r, re -> {
      try {
        return Pattern.compile(re);
      } catch (PatternSyntaxException e) {
        return null;
      }
    });
    return p != null && p.matcher(l).find();
  }

  private static boolean setContains(String l, String r) {
    Set<String> have = new HashSet<>();
    for (String s : l.split(",")) {
      have.add(s.trim());
    }
    for (String s : r.split(",")) {
      if (!have.contains(s.trim())) {
        return false;
      }
    }
    return true;
  }
}
