package io.jobgate.structs;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/**
 * Go's {@code time.Time} on the wire: RFC 3339 with up to nine fraction digits and no trailing
 * zeros ({@code "2017-05-25T23:41:23.240184101Z"}); the zero time is {@code 0001-01-01T00:00:00Z}.
 */
public final class GoTime {

  public static final Instant ZERO = Instant.parse("0001-01-01T00:00:00Z");

  private GoTime() {
  }

  public static String format(Instant t) {
    String s = t.toString();
    int dot = s.indexOf('.');
    if (dot < 0) {
      return s;
    }
    int end = s.length() - 1; // before 'Z'
    int last = end - 1;
    while (last > dot && s.charAt(last) == '0') {
      last--;
    }
    return last == dot ? s.substring(0, dot) + "Z" : s.substring(0, last + 1) + "Z";
  }

  /**
   * A time in its zone, as Go prints a {@code time.Time} carrying a location: the local wall-clock
   * time and its offset ({@code "2024-03-10T09:00:00-04:00"}), or {@code Z} when the offset is 0.
   */
  public static String format(ZonedDateTime t) {
    int offset = t.getOffset().getTotalSeconds();
    if (offset == 0) {
      return format(t.toInstant());
    }
    String utc = format(t.toLocalDateTime().toInstant(ZoneOffset.UTC));
    return utc.substring(0, utc.length() - 1) + t.getOffset().getId();
  }

  public static Instant nowUtc() {
    return Instant.now();
  }

  public static long toUnixNanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  public static final class Serializer extends JsonSerializer<Instant> {
    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeString(format(value));
    }
  }

  public static final class ZonedSerializer extends JsonSerializer<ZonedDateTime> {
    @Override
    public void serialize(ZonedDateTime value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeString(format(value));
    }
  }

  public static final class Deserializer extends JsonDeserializer<Instant> {
    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String text = p.getValueAsString();
      try {
        return java.time.OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException e) {
        return (Instant) ctxt.handleWeirdStringValue(Instant.class, text, "not an RFC 3339 time");
      }
    }
  }
}
