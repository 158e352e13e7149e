package io.jobgate.structs;

/** An element of {@code GET /v1/acl/policies}: a policy without its rules. */
public record AclPolicyListStub(String name, String description, long createIndex, long modifyIndex) {
}
