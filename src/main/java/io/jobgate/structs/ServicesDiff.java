package io.jobgate.structs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A task's {@code Service} object diffs (Nomad's {@code serviceDiffs}): services matched by name,
 * with {@code CanaryTags} and {@code Tags} set objects and {@code Check} objects (matched by name)
 * that carry {@code Header} and {@code CheckRestart} objects.
 */
final class ServicesDiff {

  private ServicesDiff() {
  }

  static List<ObjectDiff> diff(List<Service> olds, List<Service> news) {
    List<ObjectDiff> out = new ArrayList<>();
    for (String name : Diffs.keys(olds, news, Service::name)) {
      Diffs.addIfPresent(out, service(Diffs.byKey(olds, Service::name, name), Diffs.byKey(news, Service::name, name)));
    }
    out.sort(Diffs.OBJECT_ORDER);
    return out;
  }

  private static ObjectDiff service(Service a, Service b) {
    if (Objects.equals(a, b)) {
      return null;
    }
    DiffType type = a == null ? DiffType.ADDED : b == null ? DiffType.DELETED : DiffType.EDITED;
    List<FieldDiff> fields = Diffs.fields(serviceFields(a), serviceFields(b), true);
    List<ObjectDiff> objects = new ArrayList<>();
    Diffs.addIfPresent(objects, Diffs.stringSet("CanaryTags", a == null ? null : a.canaryTags(),
        b == null ? null : b.canaryTags()));
    Diffs.addIfPresent(objects, Diffs.stringSet("Tags", a == null ? null : a.tags(), b == null ? null : b.tags()));
    List<ServiceCheck> oldChecks = a == null ? null : a.checks();
    List<ServiceCheck> newChecks = b == null ? null : b.checks();
    List<ObjectDiff> checks = new ArrayList<>();
    for (String name : Diffs.keys(oldChecks, newChecks, ServiceCheck::name)) {
      Diffs.addIfPresent(checks, check(Diffs.byKey(oldChecks, ServiceCheck::name, name),
          Diffs.byKey(newChecks, ServiceCheck::name, name)));
    }
    checks.sort(Diffs.OBJECT_ORDER);
    objects.addAll(checks);
    return new ObjectDiff(type, "Service", fields, Diffs.nullIfEmpty(objects));
  }

  private static ObjectDiff check(ServiceCheck a, ServiceCheck b) {
    if (Objects.equals(a, b)) {
      return null;
    }
    DiffType type = a == null ? DiffType.ADDED : b == null ? DiffType.DELETED : DiffType.EDITED;
    List<FieldDiff> fields = Diffs.fields(checkFields(a), checkFields(b), true);
    List<ObjectDiff> objects = new ArrayList<>();
    Diffs.addIfPresent(objects, header(a == null ? null : a.header(), b == null ? null : b.header()));
    CheckRestart ra = a == null ? null : a.checkRestart();
    CheckRestart rb = b == null ? null : b.checkRestart();
    if (!Objects.equals(ra, rb)) {
      DiffType rt = ra == null ? DiffType.ADDED : rb == null ? DiffType.DELETED : DiffType.EDITED;
      objects.add(new ObjectDiff(rt, "CheckRestart", Diffs.fields(restartFields(ra), restartFields(rb), true), null));
    }
    return new ObjectDiff(type, "Check", fields, Diffs.nullIfEmpty(objects));
  }

  private static ObjectDiff header(Map<String, List<String>> a, Map<String, List<String>> b) {
    if (Objects.equals(a, b)) {
      return null;
    }
    DiffType type = a == null || a.isEmpty() ? DiffType.ADDED : b == null || b.isEmpty() ? DiffType.DELETED
        : DiffType.EDITED;
    return new ObjectDiff(type, "Header", Diffs.fields(DiffFields.any(a), DiffFields.any(b), true), null);
  }

  private static Map<String, String> serviceFields(Service s) {
    return s == null ? null : DiffFields.of().str("Name", s.name()).str("PortLabel", s.portLabel())
        .str("AddressMode", s.addressMode()).build();
  }

  private static Map<String, String> checkFields(ServiceCheck c) {
    return c == null ? null : DiffFields.of().str("Name", c.name()).str("Type", c.type()).str("Command", c.command())
        .str("Path", c.path()).str("Protocol", c.protocol()).str("PortLabel", c.portLabel())
        .str("AddressMode", c.addressMode()).num("Interval", c.interval()).num("Timeout", c.timeout())
        .str("InitialStatus", c.initialStatus()).bool("TLSSkipVerify", c.tlsSkipVerify()).str("Method", c.method())
        .str("GRPCService", c.grpcService()).bool("GRPCUseTLS", c.grpcUseTLS()).build();
  }

  private static Map<String, String> restartFields(CheckRestart r) {
    return r == null ? null : DiffFields.of().num("Limit", r.limit()).num("Grace", r.grace())
        .bool("IgnoreWarnings", r.ignoreWarnings()).build();
  }
}
