package io.jobgate.endpoint;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** Body of {@code …/dispatch} (spec §7.13); the payload arrives base64 encoded. */
public record JobDispatchRequest(
    @JsonProperty("JobID") String jobId, byte[] payload, Map<String, String> meta, String region, String namespace) {

  public JobDispatchRequest withJobId(String id) {
    return new JobDispatchRequest(id, payload, meta, region, namespace);
  }
}
