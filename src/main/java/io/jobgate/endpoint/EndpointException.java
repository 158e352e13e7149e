package io.jobgate.endpoint;

/**
 * A request the endpoint refuses, with Nomad's text. The kind says whose fault it is; the HTTP
 * layer turns it into a status. Where Nomad answers 500 for a caller's mistake (validation, a
 * check-and-set conflict, a write to an unknown job) the kind is {@link Kind#INVALID}: 5xx stays
 * reserved for faults of the server.
 */
public final class EndpointException extends RuntimeException {

  public enum Kind { INVALID, NOT_FOUND, PERMISSION_DENIED, TOO_LARGE, UNAVAILABLE }

  private final Kind kind;

  public EndpointException(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public static EndpointException invalid(String message) {
    return new EndpointException(Kind.INVALID, message);
  }

  public static EndpointException notFound(String message) {
    return new EndpointException(Kind.NOT_FOUND, message);
  }

  public Kind kind() {
    return kind;
  }
}
