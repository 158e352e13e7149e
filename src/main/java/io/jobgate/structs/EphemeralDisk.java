package io.jobgate.structs;

/** Ephemeral disk of a task group (spec §3.2). */
public record EphemeralDisk(Boolean sticky, Integer sizeMB, Boolean migrate) {
}
