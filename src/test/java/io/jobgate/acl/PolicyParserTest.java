package io.jobgate.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyParserTest {

  private static String error(String rules) {
    return assertThrows(PolicyException.class, () -> PolicyParser.parse(rules)).getMessage();
  }

  @Test
  void hclBlocksAttributesAndAllCommentStyles() throws Exception {
    Policy p = PolicyParser.parse("""
        # a hash comment
        namespace "default" {
          policy = "read" // a slash comment
        }
        /* a block
           comment */
        namespace "dev" {
          policy       = "write"
          capabilities = ["sentinel-override",]
        }
        namespace "ops" { capabilities = ["list-jobs", "read-job"] }
        agent { policy = "read" }
        node { policy = "write" }
        operator { policy = "deny" }
        """);
    assertEquals(3, p.namespaces().size());
    assertEquals(new Policy.NamespaceRule("default", Set.of("list-jobs", "read-job")), p.namespaces().get(0));
    assertEquals(Set.of("list-jobs", "read-job", "submit-job", "dispatch-job", "read-logs", "read-fs",
        "sentinel-override"), p.namespaces().get(1).capabilities());
    assertEquals(Set.of("list-jobs", "read-job"), p.namespaces().get(2).capabilities());
    assertEquals("read", p.agent());
    assertEquals("write", p.node());
    assertEquals("deny", p.operator());
    assertNull(p.quota());
  }

  @Test
  void jsonFormMeansTheSame() throws Exception {
    Policy hcl = PolicyParser.parse("namespace \"default\" { policy = \"write\" }\nagent { policy = \"read\" }");
    Policy json = PolicyParser.parse("""
        {"namespace": {"default": {"policy": "write"}}, "agent": {"policy": "read"}}""");
    assertEquals(hcl, json);
    Policy listForm = PolicyParser.parse("""
        {"namespace": [{"default": {"policy": "write"}}], "agent": {"policy": "read"}}""");
    assertEquals(hcl, listForm);
  }

  @Test
  void wildcardNamespaceNamesAreAccepted() throws Exception {
    assertEquals("dev-*", PolicyParser.parse("namespace \"dev-*\" { policy = \"read\" }").namespaces().get(0).name());
  }

  @Test
  void emptyRulesGrantNothing() throws Exception {
    assertEquals(Policy.EMPTY, PolicyParser.parse(""));
    assertEquals(Policy.EMPTY, PolicyParser.parse("# nothing but a comment\n"));
  }

  @Test
  void syntaxErrorsNameLineAndColumn() {
    assertEquals("Failed to parse ACL Policy: At 2:12: illegal char '%'",
        error("namespace \"default\" {\n  policy = %\n}"));
    assertEquals("Failed to parse ACL Policy: At 2:12: literal not terminated",
        error("namespace \"default\" {\n  policy = \"read\n}"));
    assertEquals("Failed to parse ACL Policy: At 3:1: expected a key, got end of input",
        error("namespace \"x\" {\n  policy = \"read\"\n"));
    assertEquals("Failed to parse ACL Policy: At 1:1: comment not terminated", error("/* never closed"));
    assertEquals("Failed to parse ACL Policy: At 1:26: expected a value, got \"read\" (strings need double quotes)",
        error("namespace \"x\" { policy = read }"));
    assertEquals("Failed to parse ACL Policy: At 1:15: expected \"=\" or \"{\" after \"namespace\", got \"]\"",
        error("namespace \"x\" ]"));
    assertEquals("Failed to parse ACL Policy: At 1:9: heredocs are not supported in policies; use a quoted string",
        error("agent = <<EOF\nx\nEOF"));
    assertEquals("Failed to parse ACL Policy: At 1:1: unexpected \"}\" with no block to close", error("}"));
  }

  @Test
  void jsonSyntaxErrorsNameLineAndColumn() {
    assertEquals("Failed to parse ACL Policy: At 1:45: Unexpected character ('}' (code 125)): was expecting "
        + "double-quote to start field name", error("{\"namespace\": {\"default\": {\"policy\": \"read\",}}}"));
    assertEquals("Failed to parse ACL Policy: At 3:2: Unexpected end-of-input: expected close marker for Object",
        error("{\n  \"agent\": {\"policy\": \"read\"\n}"));
    assertEquals("At 1:22: Invalid agent policy \"all\": expected \"read\", \"write\" or \"deny\"",
        error("{\"agent\": {\"policy\": \"all\"}}"));
  }

  @Test
  void unknownBlocksAndAttributesAreRefusedWhereTheyAre() {
    assertEquals("At 2:1: unknown rule \"namepsace\"; expected namespace, agent, node, operator or quota",
        error("agent { policy = \"read\" }\nnamepsace \"x\" { policy = \"read\" }"));
    assertEquals("At 1:17: unknown attribute \"polcy\" in namespace \"x\"; expected policy or capabilities",
        error("namespace \"x\" { polcy = \"read\" }"));
    assertEquals("At 1:9: unknown attribute \"level\" in the agent block; expected policy",
        error("agent { level = \"read\" }"));
  }

  @Test
  void invalidValuesAreRefused() {
    assertEquals("At 1:26: Invalid namespace policy \"admin\" in namespace \"x\": "
        + "expected \"read\", \"write\" or \"deny\"",
        error("namespace \"x\" { policy = \"admin\" }"));
    assertEquals("At 1:33: Invalid namespace capability \"root\" in namespace \"x\"",
        error("namespace \"x\" { capabilities = [\"root\"] }"));
    assertEquals("At 1:1: Invalid namespace name \"a/b\": use letters, digits, \"-\" and \"*\" wildcards, "
        + "1 to 128 characters", error("namespace \"a/b\" { policy = \"read\" }"));
    assertEquals("At 1:1: Invalid node policy: the block needs policy = \"read\", \"write\" or \"deny\"",
        error("node {}"));
    assertEquals("At 1:21: Invalid operator policy \"all\": expected \"read\", \"write\" or \"deny\"",
        error("operator { policy = \"all\" }"));
    assertEquals("At 1:13: namespace \"policy\" needs a block of rules", error("namespace { policy = \"read\" }"));
    assertEquals("At 1:1: a namespace rule needs exactly one name: namespace \"<name>\" { … }",
        error("namespace \"a\" \"b\" { policy = \"read\" }"));
    assertEquals("At 1:17: capabilities must be a list of strings",
        error("namespace \"x\" { capabilities = \"read-job\" }"));
    assertEquals("At 1:33: policy is set twice in namespace \"x\"",
        error("namespace \"x\" { policy = \"read\" policy = \"write\" }"));
  }

  @Test
  void hostileNestingIsRefusedNotOverflowed() {
    String deep = "agent = " + "[".repeat(10_000) + "]".repeat(10_000);
    assertTrue(error(deep).contains("nested deeper than 32 levels"));
  }
}
