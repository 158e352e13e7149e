package io.jobgate.structs;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * An ACL token (Nomad's {@code structs.ACLToken}). The accessor names a token in the API and in
 * logs; the secret is the credential and leaves the agent only in the answers of the token
 * endpoints themselves: never in a list, a log line or {@link #toString()}.
 */
public record AclToken(
    @JsonProperty("AccessorID") String accessorId,
    @JsonProperty("SecretID") String secretId,
    String name,
    String type,
    List<String> policies,
    boolean global,
    Instant createTime,
    long createIndex,
    long modifyIndex) {

  public static final String TYPE_CLIENT = "client";
  public static final String TYPE_MANAGEMENT = "management";
  public static final String ANONYMOUS_POLICY = "anonymous";

  /** Who a request without a token is: a client token holding the policy named {@code anonymous}. */
  public static final AclToken ANONYMOUS = new AclToken("anonymous", "", "Anonymous Token", TYPE_CLIENT,
      List.of(ANONYMOUS_POLICY), false, null, 0, 0);

  public boolean management() {
    return TYPE_MANAGEMENT.equals(type);
  }

  public AclTokenListStub stub() {
    return new AclTokenListStub(accessorId, name, type, policies, global, createTime, createIndex, modifyIndex);
  }

  @Override
  public String toString() {
    return "AclToken[" + accessorId + " " + type + " \"" + name + "\" " + policies + "]";
  }
}
