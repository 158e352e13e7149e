package io.jobgate.endpoint;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Reply of register, update, revert and evaluate (spec §3.6). LastContact is nanoseconds. */
public record JobRegisterResponse(
    @JsonProperty("EvalID") String evalId,
    long evalCreateIndex,
    long jobModifyIndex,
    String warnings,
    long index,
    long lastContact,
    boolean knownLeader) {

  public static JobRegisterResponse of(String evalId, long evalCreateIndex, long jobModifyIndex, String warnings,
      long index) {
    return new JobRegisterResponse(evalId, evalCreateIndex, jobModifyIndex, warnings, index, 0, false);
  }
}
