package io.jobgate.structs;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Task resources (spec §3.3): CPU in MHz, memory and disk in MB. */
public record Resources(
    @JsonProperty("CPU") Integer cpu,
    @JsonProperty("MemoryMB") Integer memoryMB,
    @JsonProperty("DiskMB") Integer diskMB,
    @JsonProperty("IOPS") Integer iops,
    List<NetworkResource> networks) {
}
