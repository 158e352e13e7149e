package io.jobgate.structs;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A task's {@code Resources} object diff (Nomad's {@code Resources.Diff}): CPU, memory, disk and
 * IOPS fields, plus one {@code Network} object per added or removed network (networks are a set),
 * each with its {@code Static Port} and {@code Dynamic Port} objects matched by label.
 */
final class ResourcesDiff {

  private ResourcesDiff() {
  }

  static ObjectDiff diff(Resources a, Resources b) {
    if (Objects.equals(a, b)) {
      return null;
    }
    DiffType type = a == null ? DiffType.ADDED : b == null ? DiffType.DELETED : DiffType.EDITED;
    List<FieldDiff> fields = Diffs.fields(fields(a), fields(b), true);
    Set<NetworkResource> olds = new LinkedHashSet<>(a == null || a.networks() == null ? List.of() : a.networks());
    Set<NetworkResource> news = new LinkedHashSet<>(b == null || b.networks() == null ? List.of() : b.networks());
    List<ObjectDiff> objects = new ArrayList<>();
    for (NetworkResource n : olds) {
      if (!news.contains(n)) {
        objects.add(network(n, null));
      }
    }
    for (NetworkResource n : news) {
      if (!olds.contains(n)) {
        objects.add(network(null, n));
      }
    }
    objects.sort(Diffs.OBJECT_ORDER);
    return new ObjectDiff(type, "Resources", fields, Diffs.nullIfEmpty(objects));
  }

  private static Map<String, String> fields(Resources r) {
    return r == null ? null : DiffFields.of().num("CPU", r.cpu()).num("MemoryMB", r.memoryMB())
        .num("DiskMB", r.diskMB()).num("IOPS", r.iops()).build();
  }

  /** One network, added or deleted; Device, CIDR and IP are left out as in Nomad. */
  private static ObjectDiff network(NetworkResource a, NetworkResource b) {
    DiffType type = a == null ? DiffType.ADDED : DiffType.DELETED;
    List<FieldDiff> fields = Diffs.fields(a == null ? null : DiffFields.of().num("MBits", a.mbits()).build(),
        b == null ? null : DiffFields.of().num("MBits", b.mbits()).build(), true);
    List<ObjectDiff> objects = new ArrayList<>();
    objects.addAll(ports("Static Port", a == null ? null : a.reservedPorts(), b == null ? null : b.reservedPorts(),
        false));
    objects.addAll(ports("Dynamic Port", a == null ? null : a.dynamicPorts(), b == null ? null : b.dynamicPorts(),
        true));
    return new ObjectDiff(type, "Network", fields, Diffs.nullIfEmpty(objects));
  }

  /** Ports matched by label; a dynamic port's value (0 in a job) is not compared. */
  private static List<ObjectDiff> ports(String name, List<Port> olds, List<Port> news, boolean dynamic) {
    List<ObjectDiff> out = new ArrayList<>();
    for (String label : Diffs.keys(olds, news, Port::label)) {
      Port a = Diffs.byKey(olds, Port::label, label);
      Port b = Diffs.byKey(news, Port::label, label);
      Diffs.addIfPresent(out, Diffs.primitiveObject(name, port(a, dynamic), port(b, dynamic)));
    }
    out.sort(Diffs.OBJECT_ORDER);
    return out;
  }

  private static Map<String, String> port(Port p, boolean dynamic) {
    if (p == null) {
      return null;
    }
    DiffFields f = DiffFields.of().str("Label", p.label());
    return dynamic ? f.build() : f.num("Value", p.value()).build();
  }
}
