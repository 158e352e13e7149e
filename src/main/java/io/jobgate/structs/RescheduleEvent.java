package io.jobgate.structs;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One past rescheduling of an allocation. */
public record RescheduleEvent(
    long rescheduleTime,
    @JsonProperty("PrevAllocID") String prevAllocId,
    @JsonProperty("PrevNodeID") String prevNodeId,
    long delay) {
}
