package io.jobgate.endpoint;

/** Body of {@code PUT /v1/namespace[/:name]}. */
public record NamespaceRequest(String name, String description) {
}
