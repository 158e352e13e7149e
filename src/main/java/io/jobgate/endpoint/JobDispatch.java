package io.jobgate.endpoint;

import io.jobgate.state.JobKey;
import io.jobgate.state.StateWriter;
import io.jobgate.structs.Evaluation;
import io.jobgate.structs.GoTime;
import io.jobgate.structs.Job;
import io.jobgate.structs.ParameterizedJobConfig;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Dispatching a parameterized job (spec §10): the parent's checks, the payload and meta rules
 * with Nomad's texts, and the child committed with its evaluation, in one store write.
 */
final class JobDispatch {

  /** Nomad's {@code DispatchPayloadSizeLimit}: 16 KiB of decoded payload (its docs say 15 KB). */
  static final int PAYLOAD_LIMIT = 16 * 1024;

  /** Children are named {@code <parent>/dispatch-<Unix seconds>-<8 hex digits>}. */
  static final String SUFFIX = "/dispatch-";

  private JobDispatch() {
  }

  static JobDispatchResponse commit(StateWriter w, String namespace, JobDispatchRequest req) {
    String id = req.jobId();
    if (id == null || id.isEmpty()) {
      throw EndpointException.invalid("missing parameterized job ID");
    }
    Job parent = w.job(new JobKey(namespace, id));
    if (parent == null) {
      throw EndpointException.invalid("parameterized job not found");
    }
    if (!parent.parameterizedParent()) {
      throw EndpointException.invalid("Specified job \"" + id + "\" is not a parameterized job");
    }
    if (parent.stopped()) {
      throw EndpointException.invalid("Specified job \"" + id + "\" is stopped");
    }
    validate(req, parent.parameterizedJob());

    Instant now = Instant.now();
    String childId = id + SUFFIX + now.getEpochSecond() + "-" + Ids.uuid().substring(0, 8);
    Map<String, String> meta = parent.meta();
    if (req.meta() != null && !req.meta().isEmpty()) {
      meta = new LinkedHashMap<>(parent.meta() == null ? Map.of() : parent.meta());
      meta.putAll(req.meta());
    }
    // Nomad stores the payload snappy-compressed and decompresses it for reads; stored as sent,
    // it reads back the same.
    byte[] payload = req.payload() == null || req.payload().length == 0 ? null : req.payload();
    Job child = parent.asChild(childId, parent.periodic(), true, payload, meta, GoTime.toUnixNanos(now));
    long jobIndex = w.nextIndex();
    Job committed = w.upsertJob(jobIndex, child, false);
    if (committed.periodicJob()) {
      // A periodic parameterized parent's children are periodic parents themselves: no eval.
      return new JobDispatchResponse(childId, "", 0, jobIndex, jobIndex);
    }
    Evaluation eval = Evaluation.pending(Ids.uuid(), namespace, committed.priority(), committed.type(),
        Evaluation.TRIGGER_JOB_REGISTER, childId, jobIndex);
    long evalIndex = w.nextIndex();
    w.upsertEvals(evalIndex, List.of(eval));
    return new JobDispatchResponse(childId, eval.id(), evalIndex, jobIndex, evalIndex);
  }

  /** Nomad's {@code validateDispatchRequest}; key lists are sorted (Nomad's order is random). */
  private static void validate(JobDispatchRequest req, ParameterizedJobConfig config) {
    int size = req.payload() == null ? 0 : req.payload().length;
    if (ParameterizedJobConfig.PAYLOAD_REQUIRED.equals(config.payload()) && size == 0) {
      throw EndpointException.invalid("Payload is not provided but required by parameterized job");
    }
    if (ParameterizedJobConfig.PAYLOAD_FORBIDDEN.equals(config.payload()) && size != 0) {
      throw EndpointException.invalid("Payload provided but forbidden by parameterized job");
    }
    if (size > PAYLOAD_LIMIT) {
      throw EndpointException.invalid("Payload exceeds maximum size; " + size + " > " + PAYLOAD_LIMIT);
    }
    Set<String> required = Set.copyOf(config.metaRequired() == null ? List.of() : config.metaRequired());
    Set<String> optional = Set.copyOf(config.metaOptional() == null ? List.of() : config.metaOptional());
    Map<String, String> meta = req.meta() == null ? Map.of() : req.meta();
    Set<String> unpermitted = new TreeSet<>();
    for (String k : meta.keySet()) {
      if (!required.contains(k) && !optional.contains(k)) {
        unpermitted.add(k);
      }
    }
    if (!unpermitted.isEmpty()) {
      throw EndpointException.invalid("Dispatch request included unpermitted metadata keys: " + list(unpermitted));
    }
    Set<String> missing = new TreeSet<>(required);
    missing.removeAll(meta.keySet());
    if (!missing.isEmpty()) {
      throw EndpointException.invalid("Dispatch did not provide required meta keys: " + list(missing));
    }
  }

  /** Go's {@code %v} of a string slice. */
  private static String list(Set<String> keys) {
    return "[" + String.join(" ", keys) + "]";
  }
}
