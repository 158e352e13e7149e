package io.jobgate.structs;

import java.time.Instant;

/** Health of an allocation within its deployment (spec §13.3). */
public record AllocDeploymentStatus(Boolean healthy, Instant timestamp, boolean canary, long modifyIndex) {
}
