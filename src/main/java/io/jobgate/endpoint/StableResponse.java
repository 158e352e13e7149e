package io.jobgate.endpoint;

/** Reply of {@code …/stable}: the index only (spec §3.6). */
public record StableResponse(long index) {
}
