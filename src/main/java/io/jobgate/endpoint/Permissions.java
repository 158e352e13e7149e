package io.jobgate.endpoint;

import io.jobgate.acl.Acl;

/** The ACL checks endpoints share, failing with Nomad's exact texts (spec §1.6, §16). */
public final class Permissions {

  public static final String PERMISSION_DENIED = "Permission denied";
  public static final String TOKEN_NOT_FOUND = "ACL token not found";

  private Permissions() {
  }

  public static EndpointException denied() {
    return new EndpointException(EndpointException.Kind.PERMISSION_DENIED, PERMISSION_DENIED);
  }

  static EndpointException tokenNotFound() {
    return new EndpointException(EndpointException.Kind.PERMISSION_DENIED, TOKEN_NOT_FOUND);
  }

  /** Refuses unless {@code acl} grants {@code capability} in {@code namespace}. */
  public static void requireNamespace(Acl acl, String namespace, String capability) {
    if (!acl.allowNamespaceOperation(namespace, capability)) {
      throw denied();
    }
  }

  /** Refuses unless {@code acl} is a management token's (or ACLs are off). */
  public static void requireManagement(Acl acl) {
    if (!acl.isManagement()) {
      throw denied();
    }
  }
}
