package io.jobgate.endpoint;

import java.util.List;

/** Reply of {@code /v1/validate/job} (spec §7.17); always a 200. */
public record JobValidateResponse(
    boolean driverConfigValidated, List<String> validationErrors, String error, String warnings) {
}
