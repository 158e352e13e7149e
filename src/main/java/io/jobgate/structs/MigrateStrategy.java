package io.jobgate.structs;

/** Migrate strategy of a service task group (spec §3.2). */
public record MigrateStrategy(Integer maxParallel, String healthCheck, Long minHealthyTime, Long healthyDeadline) {
}
