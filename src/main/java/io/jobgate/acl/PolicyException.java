package io.jobgate.acl;

/** A policy the parser refuses; the message says where (line and column) and why. */
public final class PolicyException extends Exception {

  PolicyException(String message) {
    super(message, null, false, false);
  }
}
