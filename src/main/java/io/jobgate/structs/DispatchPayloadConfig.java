package io.jobgate.structs;

/** Where a dispatched payload is written inside the task's directory. */
public record DispatchPayloadConfig(String file) {
}
