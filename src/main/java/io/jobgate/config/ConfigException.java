package io.jobgate.config;

/** A configuration the agent refuses to start with; the message names the setting. */
public final class ConfigException extends RuntimeException {

  public ConfigException(String message) {
    super(message);
  }
}
