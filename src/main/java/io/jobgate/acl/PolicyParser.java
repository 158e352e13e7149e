package io.jobgate.acl;

import io.jobgate.acl.Hcl.Item;
import io.jobgate.acl.Hcl.ListNode;
import io.jobgate.acl.Hcl.Node;
import io.jobgate.acl.Hcl.Obj;
import io.jobgate.acl.Hcl.Pos;
import io.jobgate.acl.Hcl.Str;
import io.jobgate.acl.Hcl.SyntaxError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads Nomad's ACL rule language ({@code acl/policy.go}) in its HCL or JSON form:
 *
 * <pre>
 * namespace "default" { policy = "read" }
 * namespace "dev-*"   { capabilities = ["submit-job", "read-job"] }
 * agent { policy = "read" }   # also node, operator, quota
 * </pre>
 *
 * Unlike Nomad, which silently ignores keys it does not know, a misspelt block or attribute is
 * refused at its line and column: a typo in a security policy should never grant or deny
 * something by accident.
 */
public final class PolicyParser {

  /** Namespace names in rules may carry {@code *} wildcards (Nomad 0.9+). */
  private static final Pattern NAMESPACE_RULE_NAME = Pattern.compile("^[a-zA-Z0-9*-]{1,128}$");
  private static final String LEVELS = "\"read\", \"write\" or \"deny\"";

  private PolicyParser() {
  }

  /** Parses {@code rules}; empty rules grant nothing, as in Nomad. */
  public static Policy parse(String rules) throws PolicyException {
    if (rules == null || rules.isBlank()) {
      return Policy.EMPTY;
    }
    List<Item> items;
    try {
      items = rules.stripLeading().startsWith("{") ? JsonPolicyReader.parse(rules) : HclParser.parse(rules);
    } catch (SyntaxError e) {
      throw new PolicyException("Failed to parse ACL Policy: " + e.getMessage());
    }
    try {
      return check(items);
    } catch (SyntaxError e) {
      throw new PolicyException(e.getMessage());
    }
  }

  private static Policy check(List<Item> items) throws SyntaxError {
    List<Policy.NamespaceRule> namespaces = new ArrayList<>();
    Map<String, String> levels = new HashMap<>();
    for (Item item : items) {
      switch (item.key()) {
        case "namespace" -> namespaceRules(item, namespaces);
        case "agent", "node", "operator", "quota" -> {
          if (levels.containsKey(item.key())) {
            throw new SyntaxError(item.pos(), "the " + item.key() + " block appears twice");
          }
          levels.put(item.key(), level(item));
        }
        default -> throw new SyntaxError(item.pos(), "unknown rule \"" + item.key()
            + "\"; expected namespace, agent, node, operator or quota");
      }
    }
    return new Policy(List.copyOf(namespaces), levels.get("agent"), levels.get("node"), levels.get("operator"),
        levels.get("quota"));
  }

  /**
   * {@code namespace "x" { … }} in HCL; {@code "namespace": {"x": {…}}} (or a list of such
   * objects) in JSON, where the object's keys are the names.
   */
  private static void namespaceRules(Item item, List<Policy.NamespaceRule> out) throws SyntaxError {
    if (item.labels().size() == 1 && item.value() instanceof Obj body) {
      out.add(namespaceRule(item.labels().get(0), item.pos(), body));
      return;
    }
    if (item.labels().isEmpty() && item.value() instanceof Obj named) {
      namedRules(named, out);
      return;
    }
    if (item.labels().isEmpty() && item.value() instanceof ListNode list) {
      for (Node n : list.items()) {
        if (!(n instanceof Obj named)) {
          throw new SyntaxError(n.pos(), "expected an object of namespace rules, got " + n.kind());
        }
        namedRules(named, out);
      }
      return;
    }
    throw new SyntaxError(item.pos(), "a namespace rule needs exactly one name: namespace \"<name>\" { … }");
  }

  private static void namedRules(Obj named, List<Policy.NamespaceRule> out) throws SyntaxError {
    for (Item rule : named.items()) {
      if (!rule.labels().isEmpty() || !(rule.value() instanceof Obj body)) {
        throw new SyntaxError(rule.pos(), "namespace \"" + rule.key() + "\" needs a block of rules");
      }
      out.add(namespaceRule(rule.key(), rule.pos(), body));
    }
  }

  private static Policy.NamespaceRule namespaceRule(String name, Pos pos, Obj body) throws SyntaxError {
    if (!NAMESPACE_RULE_NAME.matcher(name).matches()) {
      throw new SyntaxError(pos, "Invalid namespace name \"" + name
          + "\": use letters, digits, \"-\" and \"*\" wildcards, 1 to 128 characters");
    }
    Set<String> capabilities = new LinkedHashSet<>();
    String level = null;
    boolean sawCapabilities = false;
    for (Item attr : body.items()) {
      switch (attr.key()) {
        case "policy" -> {
          if (level != null) {
            throw new SyntaxError(attr.pos(), "policy is set twice in namespace \"" + name + "\"");
          }
          level = string(attr);
          if (!Capabilities.LEVELS.contains(level)) {
            throw new SyntaxError(attr.value().pos(), "Invalid namespace policy \"" + level + "\" in namespace \""
                + name + "\": expected " + LEVELS);
          }
        }
        case "capabilities" -> {
          if (sawCapabilities) {
            throw new SyntaxError(attr.pos(), "capabilities is set twice in namespace \"" + name + "\"");
          }
          sawCapabilities = true;
          if (!attr.labels().isEmpty() || !(attr.value() instanceof ListNode list)) {
            throw new SyntaxError(attr.pos(), "capabilities must be a list of strings");
          }
          for (Node n : list.items()) {
            if (!(n instanceof Str s)) {
              throw new SyntaxError(n.pos(), "capabilities must be a list of strings, found " + n.kind());
            }
            if (!Capabilities.NAMESPACE.contains(s.value())) {
              throw new SyntaxError(n.pos(), "Invalid namespace capability \"" + s.value() + "\" in namespace \""
                  + name + "\"");
            }
            capabilities.add(s.value());
          }
        }
        default -> throw new SyntaxError(attr.pos(), "unknown attribute \"" + attr.key() + "\" in namespace \""
            + name + "\"; expected policy or capabilities");
      }
    }
    if (level != null) {
      capabilities.addAll(Capabilities.expand(level));
    }
    return new Policy.NamespaceRule(name, Set.copyOf(capabilities));
  }

  /** The {@code policy} of an {@code agent}, {@code node}, {@code operator} or {@code quota} block. */
  private static String level(Item block) throws SyntaxError {
    if (!block.labels().isEmpty() || !(block.value() instanceof Obj body)) {
      throw new SyntaxError(block.pos(), "the " + block.key() + " rule is a block: " + block.key()
          + " { policy = \"read\" }");
    }
    String level = null;
    for (Item attr : body.items()) {
      if (!attr.key().equals("policy")) {
        throw new SyntaxError(attr.pos(), "unknown attribute \"" + attr.key() + "\" in the " + block.key()
            + " block; expected policy");
      }
      if (level != null) {
        throw new SyntaxError(attr.pos(), "policy is set twice in the " + block.key() + " block");
      }
      level = string(attr);
      if (!Capabilities.LEVELS.contains(level)) {
        throw new SyntaxError(attr.value().pos(), "Invalid " + block.key() + " policy \"" + level + "\": expected "
            + LEVELS);
      }
    }
    if (level == null) {
      throw new SyntaxError(block.pos(), "Invalid " + block.key() + " policy: the block needs policy = " + LEVELS);
    }
    return level;
  }

  private static String string(Item attr) throws SyntaxError {
    if (!attr.labels().isEmpty() || !(attr.value() instanceof Str s)) {
      throw new SyntaxError(attr.pos(), attr.key() + " must be a string, found " + attr.value().kind());
    }
    return s.value();
  }
}
