package io.jobgate.structs;

import java.util.regex.Pattern;

/** A namespace (Nomad 1.x OSS {@code structs.Namespace}): jobs with the same ID in two namespaces are two jobs. */
public record Namespace(String name, String description, long createIndex, long modifyIndex) {

  public static final String DEFAULT = "default";
  /** Nomad's {@code validNamespaceName}. */
  public static final Pattern VALID_NAME = Pattern.compile("^[a-zA-Z0-9-]{1,128}$");
  public static final int MAX_DESCRIPTION_LENGTH = 256;
}
