package io.jobgate.endpoint;

/** Body of {@code PUT /v1/acl/policy/:name}; indexes a client may send along are ignored. */
public record AclPolicyRequest(String name, String description, String rules) {
}
