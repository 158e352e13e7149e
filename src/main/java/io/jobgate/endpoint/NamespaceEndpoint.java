package io.jobgate.endpoint;

import io.jobgate.state.AclWriter;
import io.jobgate.state.StateStore;
import io.jobgate.state.Table;
import io.jobgate.state.WatchKey;
import io.jobgate.structs.Job;
import io.jobgate.structs.MultiError;
import io.jobgate.structs.Namespace;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * Nomad's {@code Namespace} RPC endpoint (1.x OSS, {@code nomad/namespace_endpoint.go}). Only
 * management tokens create, change or delete namespaces; others see those they hold any
 * capability in. {@code default} always exists and cannot be deleted.
 */
public final class NamespaceEndpoint {

  private final StateStore store;

  public NamespaceEndpoint(StateStore store) {
    this.store = store;
  }

  public Future<Long> upsert(Caller caller, NamespaceRequest namespace) {
    Permissions.requireManagement(caller.acl());
    String name = namespace.name() == null ? "" : namespace.name();
    String description = namespace.description() == null ? "" : namespace.description();
    List<String> errors = new ArrayList<>();
    if (!Namespace.VALID_NAME.matcher(name).matches()) {
      errors.add("invalid name \"" + name + "\". Must match regex " + Namespace.VALID_NAME.pattern());
    }
    if (description.length() > Namespace.MAX_DESCRIPTION_LENGTH) {
      errors.add("description longer than " + Namespace.MAX_DESCRIPTION_LENGTH);
    }
    if (!errors.isEmpty()) {
      return Future.failedFuture(EndpointException.invalid(
          "Invalid namespace \"" + name + "\": " + MultiError.format(errors)));
    }
    return store.write(w -> {
      long idx = w.nextIndex();
      w.acl().upsertNamespace(idx, new Namespace(name, description, 0, 0));
      return idx;
    });
  }

  /**
   * Deletes an empty namespace. Nomad refuses only while non-terminal jobs remain; jobgate also
   * refuses while stopped ones do, so that no job is left behind in a namespace that is gone.
   */
  public Future<Long> delete(Caller caller, String name) {
    Permissions.requireManagement(caller.acl());
    if (Namespace.DEFAULT.equals(name)) {
      return Future.failedFuture(EndpointException.invalid("can not delete default namespace"));
    }
    return store.write(w -> {
      AclWriter acl = w.acl();
      if (acl.tables().namespace(name) == null) {
        throw EndpointException.invalid("namespace \"" + name + "\" does not exist");
      }
      List<Job> jobs = w.view().jobsByPrefix(name, "");
      for (Job j : jobs) {
        if (!Job.STATUS_DEAD.equals(j.status())) {
          throw EndpointException.invalid("namespace \"" + name + "\" has non-terminal jobs in regions: ["
              + j.region() + "]");
        }
      }
      if (!jobs.isEmpty()) {
        throw EndpointException.invalid("namespace \"" + name + "\" still holds " + jobs.size()
            + " stopped job(s); purge them before deleting it");
      }
      long idx = w.nextIndex();
      acl.deleteNamespace(idx, name);
      return idx;
    });
  }

  /** The namespaces the caller holds any capability in, by name. */
  public Read list(Caller caller, String prefix) {
    return new Read(List.of(WatchKey.table(Table.NAMESPACES)), s -> Read.Result.lazy(
        s.tableIndex(Table.NAMESPACES), () -> {
          List<Namespace> out = new ArrayList<>();
          for (Namespace ns : s.acl().namespaces(prefix)) {
            if (caller.acl().allowNamespace(ns.name())) {
              out.add(ns);
            }
          }
          return out;
        }));
  }

  public Read namespace(Caller caller, String name) {
    if (!caller.acl().allowNamespace(name)) {
      throw Permissions.denied();
    }
    return new Read(List.of(WatchKey.id(Table.NAMESPACES, name)), s -> {
      Namespace ns = s.acl().namespace(name);
      return ns == null ? Read.Result.missing(s.tableIndex(Table.NAMESPACES), "Namespace not found")
          : Read.Result.of(ns.modifyIndex(), ns);
    });
  }
}
