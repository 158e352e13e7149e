package io.jobgate.structs;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/** An element of {@code GET /v1/acl/tokens}: a token without its secret. */
public record AclTokenListStub(
    @JsonProperty("AccessorID") String accessorId,
    String name,
    String type,
    List<String> policies,
    boolean global,
    Instant createTime,
    long createIndex,
    long modifyIndex) {
}
