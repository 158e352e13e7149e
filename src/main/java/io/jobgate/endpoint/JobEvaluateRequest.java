package io.jobgate.endpoint;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Optional body of {@code …/evaluate} (spec §7.11, 0.8.4+). */
public record JobEvaluateRequest(@JsonProperty("JobID") String jobId, EvalOptions evalOptions) {

  public record EvalOptions(Boolean forceReschedule) {
  }

  public boolean forceReschedule() {
    return evalOptions != null && Boolean.TRUE.equals(evalOptions.forceReschedule());
  }
}
