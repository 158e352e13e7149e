package io.jobgate.structs;

/** Log rotation of a task (spec §3.3). */
public record LogConfig(Integer maxFiles, Integer maxFileSizeMB) {
}
