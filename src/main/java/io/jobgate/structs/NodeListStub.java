package io.jobgate.structs;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** An element of {@code GET /v1/nodes} (Nomad 0.8 {@code NodeListStub}). */
public record NodeListStub(
    String address,
    @JsonProperty("ID") String id,
    String datacenter,
    String name,
    String nodeClass,
    String version,
    boolean drain,
    String schedulingEligibility,
    String status,
    String statusDescription,
    Map<String, DriverInfo> drivers,
    long createIndex,
    long modifyIndex) {

  public static NodeListStub of(Node n) {
    String address = n.httpAddr() == null ? "" : n.httpAddr().replaceFirst(":\\d+$", "");
    return new NodeListStub(address, n.id(), n.datacenter(), n.name(), n.nodeClass(),
        n.attributes() == null ? "" : n.attributes().getOrDefault("nomad.version", ""), n.drain(),
        n.schedulingEligibility(), n.status(), n.statusDescription(), n.drivers(), n.createIndex(),
        n.modifyIndex());
  }
}
