package io.jobgate.structs;

import java.util.List;
import java.util.Map;

/** A task (spec §3.3). Durations are nanoseconds. */
public record Task(
    String name,
    String driver,
    String user,
    Map<String, Object> config,
    Map<String, String> env,
    List<Service> services,
    Vault vault,
    List<Template> templates,
    List<Constraint> constraints,
    Resources resources,
    DispatchPayloadConfig dispatchPayload,
    Map<String, String> meta,
    Long killTimeout,
    LogConfig logConfig,
    List<TaskArtifact> artifacts,
    Boolean leader,
    Long shutdownDelay,
    String killSignal) {
}
