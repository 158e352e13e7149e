package io.jobgate.structs;

import java.util.Map;

/** An event in a task's life (spec §13.4). */
public record TaskEvent(
    String type,
    long time,
    String message,
    String displayMessage,
    Map<String, String> details,
    boolean failsTask,
    String restartReason,
    String setupError,
    String driverError,
    int exitCode,
    int signal,
    long killTimeout,
    String killError,
    String killReason,
    long startDelay,
    String downloadError,
    String validationError,
    long diskLimit,
    String failedSibling,
    String vaultError,
    String taskSignalReason,
    String taskSignal,
    String driverMessage,
    String genericSource) {
}
