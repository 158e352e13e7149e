package io.jobgate.state;

/** A job's identity: the same ID in two namespaces is two jobs. Ordered by namespace, then ID. */
public record JobKey(String namespace, String id) implements Comparable<JobKey> {

  @Override
  public int compareTo(JobKey o) {
    int c = namespace.compareTo(o.namespace);
    return c != 0 ? c : id.compareTo(o.id);
  }

  @Override
  public String toString() {
    return namespace + "/" + id;
  }
}
