package io.jobgate.endpoint;

import java.util.List;

/**
 * Body of {@code PUT /v1/acl/token[/:accessor_id]}: without an AccessorID a token is created; a
 * SecretID in the body is ignored, secrets are only ever made by the agent.
 */
public record AclTokenRequest(String accessorID, String name, String type, List<String> policies, Boolean global) {
}
