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
