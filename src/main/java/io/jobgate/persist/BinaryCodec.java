package io.jobgate.persist;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The journal's row format: a record is its components in declaration order, each value behind a
 * one-byte tag, with no field names. The names are kept once per record class, as the journal's
 * <em>layouts</em>: a row written when a class had other components is still read by name (a
 * removed component is skipped, an added one takes its zero value). Layouts are keyed by the
 * class's simple name, so renaming a record class, or changing a component's type, is a change of
 * store format ({@code SqliteJournal.FORMAT_VERSION}); the tags catch most such misreadings, not all.
 *
 * <p>Two properties make a restart fast. A reader needs no name lookups, creator buffers or
 * token objects, only the values themselves. And a nested record carries its length, so a
 * {@link Reader} that has decoded some bytes once recognises the same bytes again and hands back
 * the same object without decoding them: a job's current row, its versions and its allocations'
 * copies of it are mostly the same task groups, read once and held once (README, "Durability").
 * Equal bytes of one class always decode to equal values, so sharing them is safe; records are
 * immutable.
 */
final class BinaryCodec {

  private static final byte NULL = 0;
  private static final byte FALSE = 1;
  private static final byte TRUE = 2;
  private static final byte INT = 3;
  private static final byte LONG = 4;
  private static final byte DOUBLE = 5;
  private static final byte STRING = 6;
  private static final byte BYTES = 7;
  private static final byte LIST = 8;
  private static final byte MAP = 9;
  private static final byte RECORD = 10;
  private static final byte INSTANT = 11;
  private static final byte BIG_INTEGER = 12;
  private static final byte BIG_DECIMAL = 13;

  /** Strings up to this many bytes are shared on read (see {@link Reader#string}). */
  private static final int MAX_SHARED_STRING = 48;

  /** Below this many bytes a record decodes faster than it is looked up. */
  private static final int SHARE_MIN_BYTES = 64;

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final Map<Type, Value> values = new HashMap<>();
  private final Map<Class<?>, Shape> shapes = new HashMap<>();
  private final Map<String, Shape> shapesByName = new HashMap<>();

  /**
   * A codec for values of {@code rowTypes} and everything they contain. Records of classes in
   * {@code shareable} (and the records those contain) are shared on read.
   */
  BinaryCodec(Iterable<Type> rowTypes, Set<Class<?>> shareable) {
    for (Type t : rowTypes) {
      value(t);
    }
    for (Class<?> c : shareable) {
      markShareable(shapes.get(c));
    }
  }

  private void markShareable(Shape s) {
    if (s == null || s.shareable) {
      return;
    }
    s.shareable = true;
    for (Shape inner : shapes.values()) {
      if (s.contains(inner)) {
        markShareable(inner);
      }
    }
  }

  /** The writer's layouts: for each record class (by simple name), its component names in order. */
  Map<String, List<String>> layouts() {
    Map<String, List<String>> out = new TreeMap<>();
    for (Shape s : shapes.values()) {
      out.put(s.name, List.of(s.names));
    }
    return out;
  }

  byte[] encode(Type type, Object value) {
    Out out = new Out();
    known(type).write(out, value);
    return Arrays.copyOf(out.buf, out.len);
  }

  /** Reads {@code bytes} as written by {@code encode(type, …)} under {@code reader}'s layouts. */
  Object decode(Type type, byte[] bytes, Reader reader) throws IOException {
    In in = new In(bytes, reader);
    Object v = known(type).read(in);
    if (in.pos != bytes.length) {
      throw new IOException((bytes.length - in.pos) + " bytes left over after the value");
    }
    return v;
  }

  /**
   * A reader for rows written under {@code stored} layouts (null: the current ones); with
   * {@code share}, equal records read through it come back as one object. Safe for concurrent use.
   */
  Reader reader(Map<String, List<String>> stored, boolean share) {
    return new Reader(this, stored, share);
  }

  /** Lookups after construction read the finished map, without locks: decoding runs on several threads. */
  private Value known(Type type) {
    Value v = values.get(type);
    if (v == null) {
      throw new IllegalArgumentException("type " + type.getTypeName() + " was not given to this codec");
    }
    return v;
  }

  private Value value(Type type) {
    Value v = values.get(type);
    if (v != null) {
      return v;
    }
    if (type instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      Type[] args = p.getActualTypeArguments();
      if (raw == List.class) {
        v = new ListValue(value(args[0]));
      } else if (raw == Map.class) {
        v = new MapValue(value(args[0]), value(args[1]));
      }
    } else if (type instanceof Class<?> c) {
      v = c.isRecord() ? shape(c) : scalar(c);
    }
    if (v == null) {
      throw new IllegalArgumentException("no binary form for values of type " + type.getTypeName());
    }
    values.put(type, v);
    return v;
  }

  private Shape shape(Class<?> c) {
    Shape s = shapes.get(c);
    if (s != null) {
      return s;
    }
    s = new Shape(c, shapes.size());
    if (shapesByName.putIfAbsent(s.name, s) != null) {
      throw new IllegalArgumentException("two record classes named " + s.name);
    }
    shapes.put(c, s);
    // Registered before its components resolve: a record may contain itself.
    RecordComponent[] rc = c.getRecordComponents();
    for (int i = 0; i < rc.length; i++) {
      s.values[i] = value(rc[i].getGenericType());
    }
    return s;
  }

  private static Value scalar(Class<?> c) {
    if (c == String.class) {
      return new Scalar(String.class, "a string");
    } else if (c == int.class || c == Integer.class) {
      return new Scalar(Integer.class, "an integer");
    } else if (c == long.class || c == Long.class) {
      return new Scalar(Long.class, "an integer");
    } else if (c == boolean.class || c == Boolean.class) {
      return new Scalar(Boolean.class, "a boolean");
    } else if (c == double.class || c == Double.class) {
      return new Scalar(Double.class, "a number");
    } else if (c == Instant.class) {
      return new Scalar(Instant.class, "a time");
    } else if (c == byte[].class) {
      return new Scalar(byte[].class, "bytes");
    } else if (c == Object.class) {
      return ANY;
    }
    return null;
  }

  /** How values of one declared type are written and read. */
  private interface Value {
    void write(Out out, Object v);

    Object read(In in) throws IOException;
  }

  /**
   * Values of declared type {@code Object} (a task's driver config): JSON's shapes as Jackson
   * decodes them, each number keeping its Java class, as equality depends on it.
   */
  private static final Value ANY = new Scalar(Object.class, "a value");
  private static final ListValue ANY_LIST = new ListValue(ANY);
  private static final MapValue ANY_MAP = new MapValue(ANY, ANY);

  /**
   * A value written by its own class, as {@link #ANY} writes it, and read back only if it is of
   * {@code type}: the tag says what was stored, the declared type what may be read. Integers read
   * into either width, so a component may move between {@code int} and {@code long}.
   */
  private record Scalar(Class<?> type, String what) implements Value {
    @Override
    public void write(Out out, Object v) {
      if (v == null) {
        out.put(NULL);
      } else if (v instanceof String s) {
        out.string(s);
      } else if (v instanceof Boolean b) {
        out.put(b ? TRUE : FALSE);
      } else if (v instanceof Integer i) {
        out.put(INT);
        out.varlong(zigzag(i));
      } else if (v instanceof Long l) {
        out.put(LONG);
        out.varlong(zigzag(l));
      } else if (v instanceof Double d) {
        out.put(DOUBLE);
        out.fixed64(Double.doubleToRawLongBits(d));
      } else if (v instanceof Instant t) {
        out.put(INSTANT);
        out.varlong(zigzag(t.getEpochSecond()));
        out.varlong(t.getNano());
      } else if (v instanceof byte[] b) {
        out.put(BYTES);
        out.varlong(b.length);
        out.bytes(b, 0, b.length);
      } else if (v instanceof BigInteger b) {
        out.put(BIG_INTEGER);
        out.string(b.toString());
      } else if (v instanceof BigDecimal b) {
        out.put(BIG_DECIMAL);
        out.string(b.toString());
      } else if (v instanceof List<?> l) {
        ANY_LIST.write(out, l);
      } else if (v instanceof Map<?, ?> m) {
        ANY_MAP.write(out, m);
      } else {
        throw new IllegalArgumentException("no binary form for a " + v.getClass().getName() + " inside a value");
      }
    }

    @Override
    public Object read(In in) throws IOException {
      int at = in.pos;
      Object v = readAny(in);
      if (v == null || type.isInstance(v)) {
        return v;
      } else if (type == Long.class && v instanceof Integer i) {
        return (long) i;
      } else if (type == Integer.class && v instanceof Long l) {
        return Math.toIntExact(l);
      }
      throw new IOException("expected " + what + " at byte " + at + ", found " + v.getClass().getSimpleName());
    }

    private static Object readAny(In in) throws IOException {
      byte tag = in.tag();
      return switch (tag) {
        case NULL -> null;
        case TRUE -> Boolean.TRUE;
        case FALSE -> Boolean.FALSE;
        case INT -> Math.toIntExact(unzigzag(in.varlong()));
        case LONG -> unzigzag(in.varlong());
        case DOUBLE -> Double.longBitsToDouble(in.fixed64());
        case STRING -> in.string(tag);
        case INSTANT -> Instant.ofEpochSecond(unzigzag(in.varlong()), in.varlong());
        case BYTES -> {
          int n = in.length();
          in.pos += n;
          yield Arrays.copyOfRange(in.buf, in.pos - n, in.pos);
        }
        case BIG_INTEGER -> new BigInteger(in.string(in.tag()));
        case BIG_DECIMAL -> new BigDecimal(in.string(in.tag()));
        case LIST -> ANY_LIST.body(in);
        case MAP -> ANY_MAP.body(in);
        default -> throw in.unexpected(tag, "a value");
      };
    }
  }

  private record ListValue(Value element) implements Value {
    @Override
    public void write(Out out, Object v) {
      if (v == null) {
        out.put(NULL);
        return;
      }
      List<?> l = (List<?>) v;
      out.put(LIST);
      out.varlong(l.size());
      for (Object e : l) {
        element.write(out, e);
      }
    }

    @Override
    public Object read(In in) throws IOException {
      byte tag = in.tag();
      if (tag == NULL) {
        return null;
      }
      if (tag != LIST) {
        throw in.unexpected(tag, "a list");
      }
      return body(in);
    }

    /** The elements, after the tag. */
    List<Object> body(In in) throws IOException {
      int n = in.length();
      List<Object> l = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        l.add(element.read(in));
      }
      return l;
    }
  }

  private record MapValue(Value key, Value value) implements Value {
    @Override
    public void write(Out out, Object v) {
      if (v == null) {
        out.put(NULL);
        return;
      }
      Map<?, ?> m = (Map<?, ?>) v;
      out.put(MAP);
      out.varlong(m.size());
      for (Map.Entry<?, ?> e : m.entrySet()) {
        key.write(out, e.getKey());
        value.write(out, e.getValue());
      }
    }

    @Override
    public Object read(In in) throws IOException {
      byte tag = in.tag();
      if (tag == NULL) {
        return null;
      }
      if (tag != MAP) {
        throw in.unexpected(tag, "a map");
      }
      return body(in);
    }

    /** The entries, after the tag. */
    Map<Object, Object> body(In in) throws IOException {
      int n = in.length();
      if (n == 0) {
        // Half a million empty maps (metas, task states) after a restart otherwise; never mutated.
        return Map.of();
      }
      Map<Object, Object> m = new LinkedHashMap<>(capacity(n));
      for (int i = 0; i < n; i++) {
        m.put(key.read(in), value.read(in));
      }
      return m;
    }
  }

  /** A record class: its components, how to read them off an instance and how to build one. */
  private static final class Shape implements Value {
    final Class<?> type;
    final String name;
    final int id;
    final String[] names;
    final Value[] values;
    final Object[] zeros;
    final Method[] getters;
    final Constructor<?> constructor;
    boolean shareable;

    Shape(Class<?> type, int id) {
      this.type = type;
      this.name = type.getSimpleName();
      this.id = id;
      RecordComponent[] rc = type.getRecordComponents();
      names = new String[rc.length];
      values = new Value[rc.length];
      zeros = new Object[rc.length];
      getters = new Method[rc.length];
      Class<?>[] params = new Class<?>[rc.length];
      try {
        for (int i = 0; i < rc.length; i++) {
          names[i] = rc[i].getName();
          params[i] = rc[i].getType();
          zeros[i] = zero(params[i]);
          getters[i] = rc[i].getAccessor();
        }
        constructor = type.getDeclaredConstructor(params);
      } catch (ReflectiveOperationException e) {
        throw new IllegalArgumentException("record " + type.getName() + " is not accessible: " + e.getMessage(), e);
      }
    }

    boolean contains(Shape other) {
      for (Value v : values) {
        if (refersTo(v, other)) {
          return true;
        }
      }
      return false;
    }

    private static boolean refersTo(Value v, Shape s) {
      return v == s || v instanceof ListValue l && refersTo(l.element, s)
          || v instanceof MapValue m && (refersTo(m.key, s) || refersTo(m.value, s));
    }

    @Override
    public void write(Out out, Object v) {
      if (v == null) {
        out.put(NULL);
        return;
      }
      out.put(RECORD);
      int mark = out.reserveLength();
      try {
        for (int i = 0; i < values.length; i++) {
          values[i].write(out, getters[i].invoke(v));
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read a " + name + ": " + e, e);
      }
      out.fillLength(mark);
    }

    @Override
    public Object read(In in) throws IOException {
      byte tag = in.tag();
      if (tag == NULL) {
        return null;
      }
      if (tag != RECORD) {
        throw in.unexpected(tag, "a " + name);
      }
      int n = in.length();
      int start = in.pos;
      Reader r = in.reader;
      if (shareable && n >= SHARE_MIN_BYTES && r.shared != null) {
        Slice key = new Slice(this, in.buf, start, n, r.hash(in.buf, start, n));
        Object seen = r.shared.get(key);
        if (seen == null) {
          Object fresh = body(in, r, start + n);
          seen = r.shared.putIfAbsent(key, fresh);
          return seen == null ? fresh : seen;
        }
        in.pos = start + n;
        return seen;
      }
      return body(in, r, start + n);
    }

    private Object body(In in, Reader r, int end) throws IOException {
      Object[] args;
      int[] plan = r.plans[id];
      try {
        if (plan == null) {
          args = new Object[values.length];
          for (int i = 0; i < args.length; i++) {
            args[i] = values[i].read(in);
          }
        } else {
          args = zeros.clone();
          for (int target : plan) {
            if (target < 0) {
              in.skip();
            } else {
              args[target] = values[target].read(in);
            }
          }
        }
      } catch (IOException | RuntimeException e) {
        throw new IOException(name + ": " + e.getMessage(), e);
      }
      if (in.pos != end) {
        throw new IOException(name + ": record is " + (end - in.pos) + " bytes longer than its components");
      }
      for (int i = 0; i < args.length; i++) {
        if (args[i] == null && zeros[i] != null) {
          args[i] = zeros[i];
        }
      }
      try {
        return constructor.newInstance(args);
      } catch (InvocationTargetException e) {
        throw new IOException(name + ": " + e.getCause(), e.getCause());
      } catch (ReflectiveOperationException | IllegalArgumentException e) {
        throw new IOException(name + ": " + e, e);
      }
    }

    private static Object zero(Class<?> c) {
      if (c == int.class) {
        return 0;
      } else if (c == long.class) {
        return 0L;
      } else if (c == boolean.class) {
        return false;
      } else if (c == double.class) {
        return 0.0;
      }
      return null;
    }
  }

  /**
   * Reading state shared by one restart's decoding threads: the stored layouts mapped onto the
   * current classes, and the records decoded so far, by their bytes.
   */
  static final class Reader {
    /** Per shape id: stored component i goes to current component plan[i] (-1: skipped); null when unchanged. */
    final int[][] plans;
    final ConcurrentHashMap<Slice, Object> shared;
    private final long seed = ThreadLocalRandom.current().nextLong();

    private Reader(BinaryCodec codec, Map<String, List<String>> stored, boolean share) {
      plans = new int[codec.shapes.size()][];
      // Sized for a large store up front: growing the map under two decoding threads cost more than the lookups.
      shared = share ? new ConcurrentHashMap<>(1 << 18) : null;
      if (stored == null) {
        return;
      }
      for (Shape s : codec.shapes.values()) {
        List<String> was = stored.get(s.name);
        if (was == null || was.equals(List.of(s.names))) {
          // A class the writer never stored, or stored as it is now.
          continue;
        }
        int[] plan = new int[was.size()];
        for (int i = 0; i < plan.length; i++) {
          plan[i] = Arrays.asList(s.names).indexOf(was.get(i));
        }
        plans[s.id] = plan;
      }
    }

    /**
     * Short strings read so far, by a hash of their bytes. Most of a store's strings are a few
     * values over and over (namespaces, statuses, types, datacenters, job IDs in each job's
     * evaluations and allocations); with 100,000 jobs, sharing them took the live heap after a
     * restart from about 690 MB to 424 MB. Lossy and unlocked: a slot holds the last string
     * hashed to it, as one immutable entry, so a racing reader sees a whole one or a miss.
     */
    private final SharedString[] strings = new SharedString[1 << 16];

    String string(byte[] b, int off, int n) {
      if (n > MAX_SHARED_STRING) {
        return new String(b, off, n, StandardCharsets.UTF_8);
      }
      int h = n;
      for (int i = off; i < off + n; i++) {
        h = 31 * h + b[i];
      }
      int slot = (h ^ (h >>> 16)) & (strings.length - 1);
      SharedString e = strings[slot];
      if (e != null && Arrays.equals(e.bytes, 0, e.bytes.length, b, off, off + n)) {
        return e.value;
      }
      String value = new String(b, off, n, StandardCharsets.UTF_8);
      strings[slot] = new SharedString(Arrays.copyOfRange(b, off, off + n), value);
      return value;
    }

    /** Whether rows read through this reader are in other layouts than the current ones. */
    boolean translates() {
      return Arrays.stream(plans).anyMatch(Objects::nonNull);
    }

    private long hash(byte[] b, int off, int len) {
      long h = seed ^ len;
      int i = off;
      int end = off + len;
      for (; i + 8 <= end; i += 8) {
        h = Long.rotateLeft(h ^ (long) LONGS.get(b, i), 27) * 0x9E3779B97F4A7C15L;
      }
      for (; i < end; i++) {
        h = (h ^ b[i]) * 0x9E3779B97F4A7C15L;
      }
      return h ^ (h >>> 29);
    }
  }

  private record SharedString(byte[] bytes, String value) {
  }

  /** A record's bytes inside a row, as a key: equal when the bytes (and the class) are. */
  private record Slice(Shape shape, byte[] buf, int off, int len, long hash) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Slice s && s.hash == hash && s.shape == shape
          && Arrays.equals(buf, off, off + len, s.buf, s.off, s.off + s.len);
    }

    @Override
    public int hashCode() {
      return (int) (hash ^ (hash >>> 32));
    }
  }

  private static final class Out {
    byte[] buf = new byte[512];
    int len;

    void put(byte b) {
      if (len == buf.length) {
        buf = Arrays.copyOf(buf, buf.length * 2);
      }
      buf[len++] = b;
    }

    void ensure(int n) {
      if (len + n > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
      }
    }

    void varlong(long v) {
      ensure(10);
      while ((v & ~0x7FL) != 0) {
        buf[len++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buf[len++] = (byte) v;
    }

    void fixed64(long v) {
      ensure(8);
      LONGS.set(buf, len, v);
      len += 8;
    }

    void bytes(byte[] b, int off, int n) {
      ensure(n);
      System.arraycopy(b, off, buf, len, n);
      len += n;
    }

    void string(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      put(STRING);
      varlong(b.length);
      bytes(b, 0, b.length);
    }

    /** Leaves two bytes for a record's length, which is known only once its body is written. */
    int reserveLength() {
      ensure(2);
      len += 2;
      return len;
    }

    void fillLength(int bodyStart) {
      int n = len - bodyStart;
      int size = n < 0x80 ? 1 : n < 0x4000 ? 2 : n < 0x200000 ? 3 : n < 0x10000000 ? 4 : 5;
      if (size != 2) {
        ensure(size - 2);
        System.arraycopy(buf, bodyStart, buf, bodyStart - 2 + size, n);
      }
      int at = bodyStart - 2;
      long v = n;
      while ((v & ~0x7FL) != 0) {
        buf[at++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buf[at] = (byte) v;
      len = bodyStart - 2 + size + n;
    }
  }

  private static final class In {
    final byte[] buf;
    final Reader reader;
    int pos;

    In(byte[] buf, Reader reader) {
      this.buf = buf;
      this.reader = reader;
    }

    byte tag() throws IOException {
      if (pos >= buf.length) {
        throw new IOException("value cut short");
      }
      return buf[pos++];
    }

    long varlong() throws IOException {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        byte b = tag();
        v |= (long) (b & 0x7F) << shift;
        if (b >= 0) {
          return v;
        }
      }
      throw new IOException("malformed number");
    }

    int length() throws IOException {
      long n = varlong();
      if (n < 0 || n > buf.length - pos) {
        throw new IOException("length " + n + " runs past the end of the value");
      }
      return (int) n;
    }

    long fixed64() throws IOException {
      if (pos + 8 > buf.length) {
        throw new IOException("value cut short");
      }
      long v = (long) LONGS.get(buf, pos);
      pos += 8;
      return v;
    }

    String string(byte tag) throws IOException {
      if (tag != STRING) {
        throw unexpected(tag, "a string");
      }
      int n = length();
      String s = reader.string(buf, pos, n);
      pos += n;
      return s;
    }

    /** Steps over one value of any type: a component the current classes no longer have. */
    void skip() throws IOException {
      byte tag = tag();
      switch (tag) {
        case NULL, TRUE, FALSE -> { }
        case INT, LONG -> varlong();
        case DOUBLE -> fixed64();
        case INSTANT -> {
          varlong();
          varlong();
        }
        case STRING, BYTES, RECORD -> pos += length();
        case BIG_INTEGER, BIG_DECIMAL -> string(tag());
        case LIST -> {
          int n = length();
          for (int i = 0; i < n; i++) {
            skip();
          }
        }
        case MAP -> {
          int n = length();
          for (int i = 0; i < 2 * n; i++) {
            skip();
          }
        }
        default -> throw unexpected(tag, "a value");
      }
    }

    IOException unexpected(byte tag, String wanted) {
      return new IOException("expected " + wanted + " at byte " + (pos - 1) + ", found tag " + tag);
    }
  }

  private static long zigzag(long v) {
    return (v << 1) ^ (v >> 63);
  }

  private static long unzigzag(long v) {
    return (v >>> 1) ^ -(v & 1);
  }

  private static int capacity(int entries) {
    return entries < 3 ? entries + 1 : (int) (entries / 0.75f + 1);
  }
}
