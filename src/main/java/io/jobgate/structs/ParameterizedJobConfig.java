package io.jobgate.structs;

import java.util.List;

/** The parameterized stanza (spec §3.1, §10). */
public record ParameterizedJobConfig(String payload, List<String> metaRequired, List<String> metaOptional) {

  public static final String PAYLOAD_OPTIONAL = "optional";
  public static final String PAYLOAD_REQUIRED = "required";
  public static final String PAYLOAD_FORBIDDEN = "forbidden";
}
