package io.jobgate.acl;

import java.util.List;

/**
 * The syntax tree both policy forms parse into, HCL and JSON alike: a body is a list of items, an
 * item is a key with optional labels and a value. Every node keeps where it started, so a rule
 * the policy checker refuses is reported at its line and column.
 */
final class Hcl {

  private Hcl() {
  }

  /** A line and column, both from 1, as HCL reports them. */
  record Pos(int line, int column) {
    @Override
    public String toString() {
      return line + ":" + column;
    }
  }

  /** {@code key "label" … = value} or {@code key "label" … { body }} (the value is then an {@link Obj}). */
  record Item(String key, List<String> labels, Node value, Pos pos) {
  }

  sealed interface Node permits Str, Num, Bool, ListNode, Obj {
    Pos pos();

    /** What a message calls this kind of value. */
    String kind();
  }

  record Str(String value, Pos pos) implements Node {
    public String kind() {
      return "a string";
    }
  }

  record Num(String text, Pos pos) implements Node {
    public String kind() {
      return "a number";
    }
  }

  record Bool(boolean value, Pos pos) implements Node {
    public String kind() {
      return "a boolean";
    }
  }

  record ListNode(List<Node> items, Pos pos) implements Node {
    public String kind() {
      return "a list";
    }
  }

  record Obj(List<Item> items, Pos pos) implements Node {
    public String kind() {
      return "a block";
    }
  }

  /** A syntax or rule error at a position; the message reads like HCL's own ({@code At 2:11: …}). */
  static final class SyntaxError extends Exception {
    SyntaxError(Pos pos, String message) {
      super("At " + pos + ": " + message, null, false, false);
    }
  }
}
