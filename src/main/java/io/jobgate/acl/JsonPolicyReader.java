package io.jobgate.acl;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.jobgate.acl.Hcl.Bool;
import io.jobgate.acl.Hcl.Item;
import io.jobgate.acl.Hcl.ListNode;
import io.jobgate.acl.Hcl.Node;
import io.jobgate.acl.Hcl.Num;
import io.jobgate.acl.Hcl.Obj;
import io.jobgate.acl.Hcl.Pos;
import io.jobgate.acl.Hcl.Str;
import io.jobgate.acl.Hcl.SyntaxError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON form of a policy (what HCL 1 accepts when a document starts with {@code &#123;}), read
 * into the same tree as HCL with each value's position, so both forms share one checker and one
 * kind of error message. {@code {"namespace": {"dev": {"policy": "read"}}}} becomes the item
 * {@code namespace} whose object holds the item {@code dev}; the checker knows that a namespace
 * object's keys are names.
 */
final class JsonPolicyReader {

  private static final int MAX_DEPTH = 32;
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
      .build();

  private JsonPolicyReader() {
  }

  static List<Item> parse(String src) throws SyntaxError {
    try (JsonParser p = FACTORY.createParser(src)) {
      JsonToken first = p.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw new SyntaxError(pos(p.currentTokenLocation()), "a JSON policy must be an object");
      }
      Obj root = object(p);
      if (p.nextToken() != null) {
        throw new SyntaxError(pos(p.currentTokenLocation()), "unexpected content after the policy object");
      }
      return root.items();
    } catch (JsonProcessingException e) {
      String m = e.getOriginalMessage();
      // Jackson appends where an unclosed object began; the position in front already says where.
      int marker = m.indexOf(" (start marker at");
      throw new SyntaxError(pos(e.getLocation()), marker < 0 ? m : m.substring(0, marker));
    } catch (IOException e) {
      throw new SyntaxError(new Pos(1, 1), String.valueOf(e.getMessage()));
    }
  }

  /** Reads the members of the object whose START_OBJECT is the current token. */
  private static Obj object(JsonParser p) throws IOException, SyntaxError {
    Pos start = pos(p.currentTokenLocation());
    List<Item> items = new ArrayList<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      Pos at = pos(p.currentTokenLocation());
      String key = p.currentName();
      p.nextToken();
      items.add(new Item(key, List.of(), value(p), at));
    }
    return new Obj(List.copyOf(items), start);
  }

  private static Node value(JsonParser p) throws IOException, SyntaxError {
    Pos at = pos(p.currentTokenLocation());
    JsonToken t = p.currentToken();
    return switch (t) {
      case START_OBJECT -> object(p);
      case START_ARRAY -> {
        List<Node> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(value(p));
        }
        yield new ListNode(List.copyOf(items), at);
      }
      case VALUE_STRING -> new Str(p.getText(), at);
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new Num(p.getText(), at);
      case VALUE_TRUE, VALUE_FALSE -> new Bool(t == JsonToken.VALUE_TRUE, at);
      default -> throw new SyntaxError(at, "unexpected " + p.getText() + " in a policy");
    };
  }

  private static Pos pos(JsonLocation l) {
    return l == null ? new Pos(1, 1) : new Pos(Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
  }
}
