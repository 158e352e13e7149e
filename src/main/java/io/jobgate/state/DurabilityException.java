package io.jobgate.state;

/** A write the journal could not make durable: it was rolled back and is not visible to readers. */
public final class DurabilityException extends RuntimeException {

  DurabilityException(Throwable cause) {
    super("write not made durable, nothing was changed: " + describe(cause), cause);
  }

  private static String describe(Throwable cause) {
    return cause.getMessage() == null ? cause.toString() : cause.getMessage();
  }
}
