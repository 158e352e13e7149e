package io.jobgate.structs;

/** Restart policy of a task group (spec §3.2). */
public record RestartPolicy(Integer attempts, Long interval, Long delay, String mode) {
}
