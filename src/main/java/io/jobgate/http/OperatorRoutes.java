package io.jobgate.http;

import io.jobgate.endpoint.OperatorEndpoint;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;

/**
 * {@code GET|PUT /v1/operator/snapshot} (Nomad 1.x's {@code operator_endpoint.go}). Routed ahead
 * of the body handler: a snapshot is streamed to a temporary file, never held in memory or cut at
 * the request body limit.
 */
final class OperatorRoutes {

  private static final String SNAPSHOT_TYPE = "application/gzip";

  private final Api api;
  private final OperatorEndpoint operator;

  OperatorRoutes(Api api, OperatorEndpoint operator) {
    this.api = api;
    this.operator = operator;
  }

  void snapshot(RoutingContext rc) {
    HttpMethod m = rc.request().method();
    if (m == HttpMethod.GET) {
      save(rc);
    } else if (m == HttpMethod.PUT || m == HttpMethod.POST) {
      restore(rc);
    } else {
      api.methodNotAllowed(rc);
    }
  }

  private void save(RoutingContext rc) {
    operator.saveSnapshot().onComplete(ar -> {
      if (ar.failed()) {
        api.fail(rc, ar.cause());
        return;
      }
      OperatorEndpoint.Saved saved = ar.result();
      api.file(rc, saved.file(), SNAPSHOT_TYPE, saved.index())
          .onComplete(v -> rc.vertx().fileSystem().delete(saved.file().toString()));
    });
  }

  private void restore(RoutingContext rc) {
    var fs = rc.vertx().fileSystem();
    rc.request().pause();
    fs.createTempFile("jobgate-restore-", ".gz").onComplete(tmp -> {
      if (tmp.failed()) {
        api.fail(rc, tmp.cause());
        return;
      }
      String path = tmp.result();
      fs.open(path, new OpenOptions().setWrite(true))
          .compose(file -> rc.request().pipeTo(file))
          .compose(v -> operator.restoreSnapshot(Path.of(path)))
          .onComplete(ar -> {
            fs.delete(path);
            api.done(rc, ar);
          });
    });
  }
}
