package io.jobgate.acl;

import java.util.List;
import java.util.Set;

/**
 * One parsed policy: its namespace rules with the shorthand {@code policy} already expanded into
 * capabilities, and the coarse levels of the {@code agent}, {@code node}, {@code operator} and
 * {@code quota} blocks ({@code null} where the block is absent).
 */
public record Policy(List<NamespaceRule> namespaces, String agent, String node, String operator, String quota) {

  public static final Policy EMPTY = new Policy(List.of(), null, null, null, null);

  /** {@code namespace "<name or glob>" { … }}: the union of its {@code policy} and {@code capabilities}. */
  public record NamespaceRule(String name, Set<String> capabilities) {
  }
}
