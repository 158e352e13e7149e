package io.jobgate.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AclTest {

  private static Acl acl(String... rules) throws PolicyException {
    Policy[] ps = new Policy[rules.length];
    for (int i = 0; i < rules.length; i++) {
      ps[i] = PolicyParser.parse(rules[i]);
    }
    return Acl.compile(List.of(ps));
  }

  @Test
  void shorthandLevelsGrantTheirCapabilities() throws Exception {
    Acl a = acl("namespace \"r\" { policy = \"read\" }\nnamespace \"w\" { policy = \"write\" }");
    assertTrue(a.allowNamespaceOperation("r", Capabilities.LIST_JOBS));
    assertTrue(a.allowNamespaceOperation("r", Capabilities.READ_JOB));
    assertFalse(a.allowNamespaceOperation("r", Capabilities.SUBMIT_JOB));
    assertTrue(a.allowNamespaceOperation("w", Capabilities.SUBMIT_JOB));
    assertTrue(a.allowNamespaceOperation("w", Capabilities.DISPATCH_JOB));
    assertFalse(a.allowNamespaceOperation("w", Capabilities.SENTINEL_OVERRIDE));
    assertFalse(a.allowNamespaceOperation("other", Capabilities.READ_JOB));
  }

  @Test
  void policiesMergeAndDenyWins() throws Exception {
    Acl a = acl("namespace \"x\" { policy = \"read\" }", "namespace \"x\" { capabilities = [\"submit-job\"] }");
    assertTrue(a.allowNamespaceOperation("x", Capabilities.READ_JOB));
    assertTrue(a.allowNamespaceOperation("x", Capabilities.SUBMIT_JOB));
    Acl denied = acl("namespace \"x\" { policy = \"write\" }", "namespace \"x\" { policy = \"deny\" }");
    assertFalse(denied.allowNamespaceOperation("x", Capabilities.READ_JOB));
    assertFalse(denied.allowNamespace("x"));
    Acl deniedFirst = acl("namespace \"x\" { policy = \"deny\" }", "namespace \"x\" { policy = \"write\" }");
    assertFalse(deniedFirst.allowNamespaceOperation("x", Capabilities.READ_JOB));
  }

  @Test
  void exactRulesBeatWildcardsAndTheClosestWildcardWins() throws Exception {
    Acl a = acl("""
        namespace "*" { policy = "read" }
        namespace "prod-*" { policy = "deny" }
        namespace "prod-web" { policy = "write" }
        """);
    assertTrue(a.allowNamespaceOperation("anything", Capabilities.READ_JOB));
    assertFalse(a.allowNamespaceOperation("prod-db", Capabilities.READ_JOB));
    assertTrue(a.allowNamespaceOperation("prod-web", Capabilities.SUBMIT_JOB));
    assertTrue(Glob.matches("a*b*c", "aXXbYYc"));
    assertFalse(Glob.matches("a*b*c", "aXXcYYb"));
    assertFalse(Glob.matches("ab*ba", "aba"));
  }

  @Test
  void someNamespaceDecidesWildcardLists() throws Exception {
    assertTrue(acl("namespace \"x\" { policy = \"read\" }").allowOperationInSomeNamespace(Capabilities.LIST_JOBS));
    assertFalse(acl("namespace \"x\" { capabilities = [\"read-job\"] }")
        .allowOperationInSomeNamespace(Capabilities.LIST_JOBS));
    assertFalse(acl().allowOperationInSomeNamespace(Capabilities.LIST_JOBS));
  }

  @Test
  void coarseBlocksTakeTheStrongestLevelButDenyWins() throws Exception {
    Acl a = acl("agent { policy = \"read\" }\nnode { policy = \"read\" }", "node { policy = \"write\" }",
        "operator { policy = \"write\" }", "operator { policy = \"deny\" }");
    assertTrue(a.allowAgentRead());
    assertFalse(a.allowAgentWrite());
    assertTrue(a.allowNodeWrite());
    assertFalse(a.allowOperatorRead());
    assertTrue(Acl.MANAGEMENT.allowOperatorWrite());
    assertFalse(acl().allowAgentRead());
  }

  @Test
  void visibilityKeysSeparateDifferentAcls() throws Exception {
    assertNotEquals(acl("namespace \"x\" { policy = \"read\" }").visibilityKey(), acl().visibilityKey());
    assertEquals("management", Acl.MANAGEMENT.visibilityKey());
  }
}
