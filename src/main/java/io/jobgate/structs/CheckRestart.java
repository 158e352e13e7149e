package io.jobgate.structs;

/** Restart-on-failing-check settings of a service check. */
public record CheckRestart(Integer limit, Long grace, Boolean ignoreWarnings) {
}
