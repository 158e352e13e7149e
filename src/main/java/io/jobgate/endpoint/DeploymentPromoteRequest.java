package io.jobgate.endpoint;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Body of {@code /v1/deployment/promote/:id}. */
public record DeploymentPromoteRequest(@JsonProperty("DeploymentID") String deploymentId, boolean all,
    List<String> groups) {
}
