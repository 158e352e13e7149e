package io.jobgate.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.jobgate.structs.Json;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * JSON in and out of the HTTP layer. Decoding failures become 400s whose text reads like Go's
 * {@code encoding/json} errors, which is what Nomad clients show their users (spec §1.2).
 */
final class JsonCodec {

  private static final ObjectWriter COMPACT = Json.MAPPER.writer();
  /** Go's {@code json.Indent} with four spaces: {@code "Key": value}, empty containers as {@code []}. */
  private static final ObjectWriter PRETTY = Json.MAPPER.writer(new DefaultPrettyPrinter()
      .withObjectIndenter(new DefaultIndenter("    ", "\n"))
      .withArrayIndenter(new DefaultIndenter("    ", "\n"))
      .withSeparators(Separators.createDefaultInstance()
          .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
          .withArrayEmptySeparator("")
          .withObjectEmptySeparator("")));

  private JsonCodec() {
  }

  static Buffer encode(Object value, boolean pretty) {
    try {
      if (pretty) {
        byte[] bytes = PRETTY.writeValueAsBytes(value);
        return Buffer.buffer(bytes.length + 1).appendBytes(bytes).appendByte((byte) '\n');
      }
      return Buffer.buffer(COMPACT.writeValueAsBytes(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
    }
  }

  /** Decodes {@code body} into {@code type}; an empty body is Go's {@code EOF}. */
  static <T> T decode(Buffer body, Class<T> type) {
    if (body == null || body.length() == 0) {
      throw HttpError.badRequest("EOF");
    }
    try {
      T value = Json.MAPPER.readValue(body.getBytes(), type);
      if (value == null) {
        throw HttpError.badRequest("EOF");
      }
      return value;
    } catch (IOException e) {
      throw HttpError.badRequest(goMessage(e));
    }
  }

  static String goMessage(IOException e) {
    if (e instanceof StreamConstraintsException) {
      return "JSON nesting is too deep: at most " + Json.MAX_NESTING_DEPTH + " levels are accepted";
    }
    if (e instanceof JsonEOFException || String.valueOf(e.getMessage()).startsWith("Unexpected end-of-input")) {
      return "unexpected EOF";
    }
    if (e instanceof JsonParseException pe) {
      String m = pe.getOriginalMessage();
      int q = m.indexOf("('");
      if (m.startsWith("Unexpected character") && q >= 0 && m.length() > q + 2) {
        return "invalid character '" + m.charAt(q + 2) + "' looking for beginning of value";
      }
      int t = m.indexOf("token '");
      if (m.startsWith("Unrecognized token") && t >= 0 && m.length() > t + 7) {
        return "invalid character '" + m.charAt(t + 7) + "' looking for beginning of value";
      }
      if (m.startsWith("Invalid UTF-8")) {
        return "request body is not valid UTF-8: " + m;
      }
      return "invalid JSON: " + firstLine(m);
    }
    if (e instanceof MismatchedInputException me && me.getProcessor() instanceof JsonParser p) {
      List<JsonMappingException.Reference> path = me.getPath();
      if (!path.isEmpty()) {
        return "json: cannot unmarshal " + jsonKind(p.currentToken()) + " into Go struct field "
            + fieldPath(path) + " of type " + goType(me.getTargetType());
      }
    }
    return firstLine(e.getMessage());
  }

  private static String fieldPath(List<JsonMappingException.Reference> path) {
    JsonMappingException.Reference last = null;
    JsonMappingException.Reference owner = null;
    for (JsonMappingException.Reference r : path) {
      if (r.getFieldName() != null) {
        owner = last;
        last = r;
      }
    }
    if (last == null) {
      return "?";
    }
    Object from = last.getFrom();
    String struct = from instanceof Class<?> c ? c.getSimpleName()
        : from == null ? (owner == null ? "" : owner.getFieldName()) : from.getClass().getSimpleName();
    return struct + "." + last.getFieldName();
  }

  private static String jsonKind(JsonToken t) {
    if (t == null) {
      return "value";
    }
    return switch (t) {
      case VALUE_STRING -> "string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
      case VALUE_TRUE, VALUE_FALSE -> "bool";
      case START_OBJECT -> "object";
      case START_ARRAY -> "array";
      default -> "value";
    };
  }

  private static String goType(Class<?> c) {
    if (c == null) {
      return "value";
    }
    if (c == Integer.class || c == int.class) {
      return "int";
    }
    if (c == Long.class || c == long.class) {
      return "int64";
    }
    if (c == Boolean.class || c == boolean.class) {
      return "bool";
    }
    if (c == String.class) {
      return "string";
    }
    if (c == byte[].class) {
      return "[]uint8";
    }
    if (List.class.isAssignableFrom(c)) {
      return "[]" ;
    }
    if (Map.class.isAssignableFrom(c)) {
      return "map[string]";
    }
    return "structs." + c.getSimpleName();
  }

  private static String firstLine(String m) {
    if (m == null) {
      return "invalid JSON";
    }
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
