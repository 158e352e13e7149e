package io.jobgate.structs;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A service registration (spec §3.3). A client-sent {@code Id} is accepted and dropped, as Nomad
 * does; job-level {@code CheckRestart} is merged into each check by canonicalisation.
 */
public record Service(
    String name,
    String portLabel,
    String addressMode,
    List<String> tags,
    List<String> canaryTags,
    List<ServiceCheck> checks,
    @JsonProperty(value = "CheckRestart", access = JsonProperty.Access.WRITE_ONLY) CheckRestart checkRestart) {
}
