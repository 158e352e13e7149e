package io.jobgate.structs;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A client node (Nomad 0.8 {@code structs.Node}), in wire order. jobgate's nodes are simulated by
 * the fleet; the shape is Nomad's so that {@code /v1/node/:id} reads like a real cluster's.
 * {@code DrainStrategy} is always null: jobgate has no drain API.
 */
public record Node(
    @JsonProperty("ID") String id,
    @JsonProperty("SecretID") String secretId,
    String datacenter,
    String name,
    @JsonProperty("HTTPAddr") String httpAddr,
    @JsonProperty("TLSEnabled") boolean tlsEnabled,
    Map<String, String> attributes,
    Resources resources,
    Resources reserved,
    Map<String, String> links,
    Map<String, String> meta,
    String nodeClass,
    String computedClass,
    boolean drain,
    Object drainStrategy,
    String schedulingEligibility,
    String status,
    String statusDescription,
    long statusUpdatedAt,
    List<NodeEvent> events,
    Map<String, DriverInfo> drivers,
    long createIndex,
    long modifyIndex) {

  public static final String STATUS_INIT = "initializing";
  public static final String STATUS_READY = "ready";
  public static final String STATUS_DOWN = "down";
  public static final String ELIGIBLE = "eligible";
  public static final String INELIGIBLE = "ineligible";

  /** Ready and eligible: the scheduler may place on it (spec §15.2 step 2). */
  public boolean schedulable() {
    return STATUS_READY.equals(status) && ELIGIBLE.equals(schedulingEligibility) && !drain;
  }

  public Node withIndexes(long create, long modify) {
    return new Node(id, secretId, datacenter, name, httpAddr, tlsEnabled, attributes, resources, reserved, links,
        meta, nodeClass, computedClass, drain, drainStrategy, schedulingEligibility, status, statusDescription,
        statusUpdatedAt, events, drivers, create, modify);
  }

  /** As the API returns it: Nomad clears the secret before answering. */
  public Node redacted() {
    return new Node(id, "", datacenter, name, httpAddr, tlsEnabled, attributes, resources, reserved, links, meta,
        nodeClass, computedClass, drain, drainStrategy, schedulingEligibility, status, statusDescription,
        statusUpdatedAt, events, drivers, createIndex, modifyIndex);
  }
}
