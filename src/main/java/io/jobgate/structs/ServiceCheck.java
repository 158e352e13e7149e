package io.jobgate.structs;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** A service health check (spec §3.3). */
public record ServiceCheck(
    String name,
    String type,
    String command,
    List<String> args,
    String path,
    String protocol,
    String portLabel,
    String addressMode,
    Long interval,
    Long timeout,
    String initialStatus,
    @JsonProperty("TLSSkipVerify") Boolean tlsSkipVerify,
    String method,
    Map<String, List<String>> header,
    CheckRestart checkRestart,
    @JsonProperty("GRPCService") String grpcService,
    @JsonProperty("GRPCUseTLS") Boolean grpcUseTLS) {
}
