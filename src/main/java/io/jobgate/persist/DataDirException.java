package io.jobgate.persist;

/** A data directory the agent refuses to run on; the message names the directory and the problem. */
public final class DataDirException extends RuntimeException {

  DataDirException(String message) {
    super(message);
  }

  DataDirException(String message, Throwable cause) {
    super(message, cause);
  }
}
