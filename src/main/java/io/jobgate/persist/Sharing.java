package io.jobgate.persist;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.jobgate.structs.Allocation;
import io.jobgate.structs.Deployment;
import io.jobgate.structs.Evaluation;
import io.jobgate.structs.Job;
import io.jobgate.structs.JobSummary;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Structural sharing on restart: while the journal is read back, equal values decoded from
 * different rows become one object. A job's current row, its versions and its allocations' copy
 * of it are mostly equal, and so are the task groups, resources and policies of similar jobs; the
 * live store holds them once, as it did before the restart. Without this a restart holds each
 * copy separately, and garbage collection of the copies dominated restart time (README,
 * "Durability"). Safe because the records are immutable.
 */
final class Sharing {

  /** Row values with unique IDs: sharing them could never find an equal one. */
  private static final Set<Class<?>> UNIQUE = Set.of(Evaluation.class, Allocation.class, Deployment.class,
      JobSummary.class);

  /** The module that makes record deserializers share, when a decode runs with a {@link Sharing}. */
  static final SimpleModule MODULE = new SimpleModule("jobgate-sharing").setDeserializerModifier(
      new BeanDeserializerModifier() {
        @Override
        public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription desc,
            JsonDeserializer<?> deserializer) {
          Class<?> c = desc.getBeanClass();
          boolean shared = c.isRecord() && c.getPackageName().equals(Job.class.getPackageName())
              && !UNIQUE.contains(c);
          return shared ? new SharingDeserializer(deserializer) : deserializer;
        }
      });

  private final ConcurrentHashMap<Object, Object> seen = new ConcurrentHashMap<>();
  /** Jobs by their encoding: a job stored in several rows (row, versions, allocations) is decoded once. */
  private final ConcurrentHashMap<Bytes, Job> jobs = new ConcurrentHashMap<>();

  /** The job encoded in {@code bytes[from, to)}, decoded only the first time those bytes are seen. */
  Job job(byte[] bytes, int from, int to, JobDecoder decoder) throws IOException {
    Bytes key = new Bytes(bytes, from, to);
    Job job = jobs.get(key);
    if (job == null) {
      job = decoder.decode(bytes, from, to - from);
      Job first = jobs.putIfAbsent(key, job);
      if (first != null) {
        job = first;
      }
    }
    return job;
  }

  /** Decodes one job's standalone encoding. */
  interface JobDecoder {
    Job decode(byte[] bytes, int offset, int length) throws IOException;
  }

  /** A byte range compared by content: equal encodings of the same type decode to equal values. */
  private static final class Bytes {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private final byte[] a;
    private final int from;
    private final int to;
    private final int hash;

    Bytes(byte[] a, int from, int to) {
      this.a = a;
      this.from = from;
      this.to = to;
      long h = to - from;
      int i = from;
      for (; i + 8 <= to; i += 8) {
        h = (h ^ (long) LONGS.get(a, i)) * 0x9E3779B97F4A7C15L;
      }
      for (; i < to; i++) {
        h = (h ^ a[i]) * 0x9E3779B97F4A7C15L;
      }
      this.hash = (int) (h ^ (h >>> 32));
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Bytes b && hash == b.hash && Arrays.equals(a, from, to, b.a, b.from, b.to);
    }
  }

  Object share(Object value) {
    Object first = seen.putIfAbsent(value, value);
    return first == null ? value : first;
  }

  private static final class SharingDeserializer extends DelegatingDeserializer {

    SharingDeserializer(JsonDeserializer<?> d) {
      super(d);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> d) {
      return new SharingDeserializer(d);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      Object value = _delegatee.deserialize(p, ctxt);
      Object sharing = ctxt.getAttribute(Sharing.class);
      return sharing == null || value == null ? value : ((Sharing) sharing).share(value);
    }
  }
}
