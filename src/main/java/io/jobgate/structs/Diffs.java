package io.jobgate.structs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The building blocks of Nomad's {@code diff.go} (spec §12.2): field diffs, primitive object
 * diffs, set diffs, and the sort orders. Empty results are null, as Go's nil slices encode.
 */
final class Diffs {

  static final Comparator<FieldDiff> FIELD_ORDER = Comparator.comparing(FieldDiff::name)
      .thenComparing(FieldDiff::oldValue)
      .thenComparing(FieldDiff::newValue);

  /** Name, then Edited before Added before Deleted before None, then size, then contents. */
  static final Comparator<ObjectDiff> OBJECT_ORDER = Diffs::compareObjects;

  private Diffs() {
  }

  /**
   * One field diff, or null when the values are equal and {@code contextual} is off. An empty
   * old value reads as Added, an empty new value as Deleted.
   */
  static FieldDiff field(String name, String oldValue, String newValue, boolean contextual) {
    if (oldValue.equals(newValue)) {
      return contextual ? new FieldDiff(DiffType.NONE, name, oldValue, newValue, null) : null;
    }
    if (oldValue.isEmpty()) {
      return new FieldDiff(DiffType.ADDED, name, "", newValue, null);
    }
    if (newValue.isEmpty()) {
      return new FieldDiff(DiffType.DELETED, name, oldValue, "", null);
    }
    return new FieldDiff(DiffType.EDITED, name, oldValue, newValue, null);
  }

  /** Field diffs of two flattened objects (either may be null), sorted; null when none. */
  static List<FieldDiff> fields(Map<String, String> oldFlat, Map<String, String> newFlat, boolean contextual) {
    Map<String, String> olds = oldFlat == null ? Map.of() : oldFlat;
    Map<String, String> news = newFlat == null ? Map.of() : newFlat;
    List<FieldDiff> out = new ArrayList<>();
    for (Map.Entry<String, String> e : olds.entrySet()) {
      addIfPresent(out, field(e.getKey(), e.getValue(), news.getOrDefault(e.getKey(), ""), contextual));
    }
    for (Map.Entry<String, String> e : news.entrySet()) {
      if (!olds.containsKey(e.getKey())) {
        addIfPresent(out, field(e.getKey(), "", e.getValue(), contextual));
      }
    }
    out.sort(FIELD_ORDER);
    return nullIfEmpty(out);
  }

  /**
   * Nomad's {@code primitiveObjectDiff} (always contextual): the object's primitive fields, typed
   * by what happened to them; null when nothing changed.
   */
  static ObjectDiff primitiveObject(String name, Map<String, String> oldFlat, Map<String, String> newFlat) {
    List<FieldDiff> fields = fields(oldFlat, newFlat, true);
    DiffType type = typeOf(fields);
    return type == null ? null : new ObjectDiff(type, name, fields, null);
  }

  /** Edited if any field was edited or fields were both added and deleted; null if none moved. */
  static DiffType typeOf(List<FieldDiff> fields) {
    boolean added = false;
    boolean deleted = false;
    for (FieldDiff f : fields == null ? List.<FieldDiff>of() : fields) {
      switch (f.type()) {
        case EDITED -> {
          return DiffType.EDITED;
        }
        case ADDED -> added = true;
        case DELETED -> deleted = true;
        default -> { }
      }
    }
    if (added && deleted) {
      return DiffType.EDITED;
    }
    return added ? DiffType.ADDED : deleted ? DiffType.DELETED : null;
  }

  /**
   * Nomad's {@code primitiveObjectSetDiff}: lists compared as sets by content, so an edited
   * element shows as one Deleted and one Added object.
   */
  static <T> List<ObjectDiff> primitiveObjectSet(String name, List<T> olds, List<T> news,
      Function<T, Map<String, String>> flatten) {
    Set<T> oldSet = new LinkedHashSet<>(olds == null ? List.of() : olds);
    Set<T> newSet = new LinkedHashSet<>(news == null ? List.of() : news);
    List<ObjectDiff> out = new ArrayList<>();
    for (T o : oldSet) {
      if (!newSet.contains(o)) {
        addIfPresent(out, primitiveObject(name, flatten.apply(o), null));
      }
    }
    for (T n : newSet) {
      if (!oldSet.contains(n)) {
        addIfPresent(out, primitiveObject(name, null, flatten.apply(n)));
      }
    }
    out.sort(OBJECT_ORDER);
    return out;
  }

  /** Nomad's {@code stringSetDiff} (contextual): every field is named {@code name}. */
  static ObjectDiff stringSet(String name, List<String> olds, List<String> news) {
    Set<String> oldSet = new HashSet<>(olds == null ? List.of() : olds);
    Set<String> newSet = new HashSet<>(news == null ? List.of() : news);
    List<FieldDiff> fields = new ArrayList<>();
    boolean added = false;
    boolean removed = false;
    for (String o : oldSet) {
      if (!newSet.contains(o)) {
        fields.add(field(name, o, "", true));
        removed = true;
      } else {
        fields.add(field(name, o, o, true));
      }
    }
    for (String n : newSet) {
      if (!oldSet.contains(n)) {
        fields.add(field(name, "", n, true));
        added = true;
      }
    }
    if (fields.isEmpty()) {
      return null;
    }
    fields.sort(FIELD_ORDER);
    DiffType type = added && removed ? DiffType.EDITED : added ? DiffType.ADDED : removed ? DiffType.DELETED
        : DiffType.NONE;
    return new ObjectDiff(type, name, fields, null);
  }

  /** Matches two lists by a key (services, checks, tasks): each key once, later ones win as in a Go map. */
  static <T> Set<String> keys(List<T> olds, List<T> news, Function<T, String> key) {
    Set<String> out = new LinkedHashSet<>();
    for (T t : olds == null ? List.<T>of() : olds) {
      out.add(key.apply(t));
    }
    for (T t : news == null ? List.<T>of() : news) {
      out.add(key.apply(t));
    }
    return out;
  }

  static <T> T byKey(List<T> items, Function<T, String> key, String wanted) {
    T found = null;
    for (T t : items == null ? List.<T>of() : items) {
      if (Objects.equals(key.apply(t), wanted)) {
        found = t;
      }
    }
    return found;
  }

  static <T> void addIfPresent(List<T> list, T item) {
    if (item != null) {
      list.add(item);
    }
  }

  static <T> List<T> nullIfEmpty(List<T> list) {
    return list.isEmpty() ? null : list;
  }

  private static int compareObjects(ObjectDiff a, ObjectDiff b) {
    int c = a.name().compareTo(b.name());
    if (c != 0) {
      return c;
    }
    c = a.type().compareTo(b.type());
    if (c != 0) {
      return c;
    }
    List<FieldDiff> af = a.fields() == null ? List.of() : a.fields();
    List<FieldDiff> bf = b.fields() == null ? List.of() : b.fields();
    List<ObjectDiff> ao = a.objects() == null ? List.of() : a.objects();
    List<ObjectDiff> bo = b.objects() == null ? List.of() : b.objects();
    c = Integer.compare(af.size(), bf.size());
    if (c != 0) {
      return c;
    }
    c = Integer.compare(ao.size(), bo.size());
    if (c != 0) {
      return c;
    }
    for (int i = 0; i < af.size(); i++) {
      c = FIELD_ORDER.compare(af.get(i), bf.get(i));
      if (c != 0) {
        return c;
      }
    }
    for (int i = 0; i < ao.size(); i++) {
      c = compareObjects(ao.get(i), bo.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
