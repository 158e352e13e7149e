package io.jobgate.scheduler;

/** A deployment's new status, as a plan or the deployment watcher sets it (spec §14). */
public record DeploymentStatusUpdate(String deploymentId, String status, String statusDescription) {
}
