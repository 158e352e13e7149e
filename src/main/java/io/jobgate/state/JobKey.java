package io.jobgate.state;

import java.util.Objects;

/**
 * A job's identity: the same ID in two namespaces is two jobs. Ordered by namespace, then ID.
 *
 * <p>A class rather than a record only to keep its hash: it keys several persistent hash maps,
 * which ask for it on every insert and lookup, and a restart inserts hundreds of thousands. The
 * hash is the one a record would compute.
 */
public final class JobKey implements Comparable<JobKey> {

  private final String namespace;
  private final String id;
  private final int hash;

  public JobKey(String namespace, String id) {
    this.namespace = namespace;
    this.id = id;
    this.hash = 31 * Objects.hashCode(namespace) + Objects.hashCode(id);
  }

  public String namespace() {
    return namespace;
  }

  public String id() {
    return id;
  }

  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof JobKey k && hash == k.hash && Objects.equals(id, k.id)
        && Objects.equals(namespace, k.namespace);
  }

  @Override
  public int hashCode() {
    return hash;
  }

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
