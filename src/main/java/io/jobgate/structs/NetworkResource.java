package io.jobgate.structs;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A network ask (in a job) or grant (in an allocation), spec §3.3. */
public record NetworkResource(
    String device,
    @JsonProperty("CIDR") String cidr,
    @JsonProperty("IP") String ip,
    @JsonProperty("MBits") Integer mbits,
    List<Port> reservedPorts,
    List<Port> dynamicPorts) {
}
