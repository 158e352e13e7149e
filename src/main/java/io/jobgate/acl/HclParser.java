package io.jobgate.acl;

import io.jobgate.acl.Hcl.Bool;
import io.jobgate.acl.Hcl.Item;
import io.jobgate.acl.Hcl.ListNode;
import io.jobgate.acl.Hcl.Node;
import io.jobgate.acl.Hcl.Num;
import io.jobgate.acl.Hcl.Obj;
import io.jobgate.acl.Hcl.Pos;
import io.jobgate.acl.Hcl.Str;
import io.jobgate.acl.Hcl.SyntaxError;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of HCL 1 that ACL policies use: blocks with labels ({@code namespace "x" { … }}),
 * {@code key = value} attributes whose values are strings, numbers, booleans, lists or objects,
 * and the comments {@code #}, {@code //} and {@code /* *}{@code /}. Heredocs and interpolation
 * are not part of it. Errors name the line and column where the input went wrong.
 */
final class HclParser {

  /** Deeper than any policy needs; a hostile input hits this limit, not the stack's. */
  private static final int MAX_DEPTH = 32;

  private enum Kind { IDENT, STRING, NUMBER, LBRACE, RBRACE, LBRACKET, RBRACKET, ASSIGN, COMMA, EOF }

  private record Token(Kind kind, String text, Pos pos) {
    String describe() {
      return switch (kind) {
        case EOF -> "end of input";
        case STRING -> "string \"" + text + "\"";
        default -> "\"" + text + "\"";
      };
    }
  }

  private final String src;
  private int at;
  private int line = 1;
  private int col = 1;
  private Token next;

  private HclParser(String src) {
    this.src = src;
  }

  /** Parses a whole document into its top-level items. */
  static List<Item> parse(String src) throws SyntaxError {
    HclParser p = new HclParser(src);
    p.advance();
    return p.body(Kind.EOF, 0);
  }

  private List<Item> body(Kind end, int depth) throws SyntaxError {
    if (depth > MAX_DEPTH) {
      throw new SyntaxError(next.pos, "blocks nested deeper than " + MAX_DEPTH + " levels");
    }
    List<Item> items = new ArrayList<>();
    while (next.kind != end) {
      if (next.kind != Kind.IDENT && next.kind != Kind.STRING) {
        throw new SyntaxError(next.pos, end == Kind.EOF && next.kind == Kind.RBRACE
            ? "unexpected \"}\" with no block to close"
            : "expected a key, got " + next.describe());
      }
      items.add(item(depth));
      if (next.kind == Kind.COMMA) {
        // HCL 1 allows commas between the items of an object.
        advance();
      }
    }
    return items;
  }

  private Item item(int depth) throws SyntaxError {
    Token key = next;
    advance();
    List<String> labels = new ArrayList<>();
    while (next.kind == Kind.IDENT || next.kind == Kind.STRING) {
      labels.add(next.text);
      advance();
    }
    if (next.kind == Kind.ASSIGN) {
      if (!labels.isEmpty()) {
        throw new SyntaxError(next.pos, "unexpected \"=\" after the labels of \"" + key.text + "\"");
      }
      advance();
      return new Item(key.text, List.of(), value(depth), key.pos);
    }
    if (next.kind == Kind.LBRACE) {
      return new Item(key.text, List.copyOf(labels), object(depth), key.pos);
    }
    throw new SyntaxError(next.pos, "expected \"=\" or \"{\" after \"" + key.text + "\", got " + next.describe());
  }

  private Obj object(int depth) throws SyntaxError {
    Pos start = next.pos;
    advance();
    List<Item> items = body(Kind.RBRACE, depth + 1);
    advance();
    return new Obj(List.copyOf(items), start);
  }

  private Node value(int depth) throws SyntaxError {
    Token t = next;
    switch (t.kind) {
      case STRING -> {
        advance();
        return new Str(t.text, t.pos);
      }
      case NUMBER -> {
        advance();
        return new Num(t.text, t.pos);
      }
      case IDENT -> {
        if (t.text.equals("true") || t.text.equals("false")) {
          advance();
          return new Bool(t.text.equals("true"), t.pos);
        }
        throw new SyntaxError(t.pos, "expected a value, got " + t.describe() + " (strings need double quotes)");
      }
      case LBRACE -> {
        return object(depth);
      }
      case LBRACKET -> {
        return list(depth);
      }
      default -> throw new SyntaxError(t.pos, "expected a value, got " + t.describe());
    }
  }

  private ListNode list(int depth) throws SyntaxError {
    if (depth > MAX_DEPTH) {
      throw new SyntaxError(next.pos, "lists nested deeper than " + MAX_DEPTH + " levels");
    }
    Pos start = next.pos;
    advance();
    List<Node> items = new ArrayList<>();
    while (next.kind != Kind.RBRACKET) {
      items.add(value(depth + 1));
      if (next.kind == Kind.COMMA) {
        advance();
      } else if (next.kind != Kind.RBRACKET) {
        throw new SyntaxError(next.pos, "expected \",\" or \"]\" in a list, got " + next.describe());
      }
    }
    advance();
    return new ListNode(List.copyOf(items), start);
  }

  // ---------------------------------------------------------------- lexer

  private void advance() throws SyntaxError {
    next = lex();
  }

  private Token lex() throws SyntaxError {
    skipSpaceAndComments();
    Pos pos = new Pos(line, col);
    if (at >= src.length()) {
      return new Token(Kind.EOF, "", pos);
    }
    char c = src.charAt(at);
    switch (c) {
      case '{' -> {
        step();
        return new Token(Kind.LBRACE, "{", pos);
      }
      case '}' -> {
        step();
        return new Token(Kind.RBRACE, "}", pos);
      }
      case '[' -> {
        step();
        return new Token(Kind.LBRACKET, "[", pos);
      }
      case ']' -> {
        step();
        return new Token(Kind.RBRACKET, "]", pos);
      }
      case '=' -> {
        step();
        return new Token(Kind.ASSIGN, "=", pos);
      }
      case ',' -> {
        step();
        return new Token(Kind.COMMA, ",", pos);
      }
      case '"' -> {
        return new Token(Kind.STRING, string(pos), pos);
      }
      case '<' -> {
        if (src.startsWith("<<", at)) {
          throw new SyntaxError(pos, "heredocs are not supported in policies; use a quoted string");
        }
        throw new SyntaxError(pos, "illegal char '<'");
      }
      default -> {
        if (Character.isLetter(c) || c == '_') {
          return new Token(Kind.IDENT, identifier(), pos);
        }
        if (Character.isDigit(c) || c == '-' || c == '+' || c == '.') {
          return new Token(Kind.NUMBER, number(pos), pos);
        }
        throw new SyntaxError(pos, "illegal char " + quoteChar(c));
      }
    }
  }

  private void skipSpaceAndComments() throws SyntaxError {
    while (at < src.length()) {
      char c = src.charAt(at);
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\uFEFF') {
        step();
      } else if (c == '#' || src.startsWith("//", at)) {
        while (at < src.length() && src.charAt(at) != '\n') {
          step();
        }
      } else if (src.startsWith("/*", at)) {
        Pos start = new Pos(line, col);
        step();
        step();
        while (!src.startsWith("*/", at)) {
          if (at >= src.length()) {
            throw new SyntaxError(start, "comment not terminated");
          }
          step();
        }
        step();
        step();
      } else {
        return;
      }
    }
  }

  private String identifier() {
    int start = at;
    while (at < src.length()) {
      char c = src.charAt(at);
      if (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.') {
        step();
      } else {
        break;
      }
    }
    return src.substring(start, at);
  }

  private String number(Pos pos) throws SyntaxError {
    int start = at;
    while (at < src.length() && "0123456789+-.eExX".indexOf(src.charAt(at)) >= 0) {
      step();
    }
    String text = src.substring(start, at);
    if (!text.matches("[+-]?(\\d+(\\.\\d+)?([eE][+-]?\\d+)?|0[xX][0-9a-fA-F]+)")) {
      throw new SyntaxError(pos, "malformed number \"" + text + "\"");
    }
    return text;
  }

  private String string(Pos start) throws SyntaxError {
    step();
    StringBuilder b = new StringBuilder();
    while (true) {
      if (at >= src.length() || src.charAt(at) == '\n') {
        throw new SyntaxError(start, "literal not terminated");
      }
      char c = src.charAt(at);
      if (c == '"') {
        step();
        return b.toString();
      }
      if (c == '\\') {
        Pos escape = new Pos(line, col);
        step();
        if (at >= src.length()) {
          throw new SyntaxError(start, "literal not terminated");
        }
        char e = src.charAt(at);
        step();
        switch (e) {
          case '"' -> b.append('"');
          case '\\' -> b.append('\\');
          case '/' -> b.append('/');
          case 'n' -> b.append('\n');
          case 't' -> b.append('\t');
          case 'r' -> b.append('\r');
          case 'u' -> b.append(unicode(escape));
          default -> throw new SyntaxError(escape, "unknown escape sequence \\" + e);
        }
      } else {
        b.append(c);
        step();
      }
    }
  }

  private char unicode(Pos escape) throws SyntaxError {
    if (at + 4 > src.length()) {
      throw new SyntaxError(escape, "malformed \\u escape");
    }
    String hex = src.substring(at, at + 4);
    if (!hex.matches("[0-9a-fA-F]{4}")) {
      throw new SyntaxError(escape, "malformed \\u escape");
    }
    for (int i = 0; i < 4; i++) {
      step();
    }
    return (char) Integer.parseInt(hex, 16);
  }

  private void step() {
    if (src.charAt(at) == '\n') {
      line++;
      col = 1;
    } else {
      col++;
    }
    at++;
  }

  private static String quoteChar(char c) {
    return Character.isISOControl(c) ? String.format("'\\u%04x'", (int) c) : "'" + c + "'";
  }
}
