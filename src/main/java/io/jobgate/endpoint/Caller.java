package io.jobgate.endpoint;

import io.jobgate.acl.Acl;
import io.jobgate.structs.AclToken;

/**
 * Who is asking: the token the request resolved to ({@link AclToken#ANONYMOUS} without one;
 * null while ACLs are off) and what it may do.
 */
public record Caller(AclToken token, Acl acl) {

  /** Every request while ACLs are off: tokens are ignored and everything is allowed (spec §16). */
  public static final Caller UNRESTRICTED = new Caller(null, Acl.MANAGEMENT);
}
