package io.jobgate.http;

import io.jobgate.config.AgentConfig;
import io.jobgate.endpoint.EndpointException;
import io.jobgate.endpoint.Read;
import io.jobgate.logging.Log;
import io.jobgate.state.StateSnapshot;
import io.jobgate.state.WatchKey;
import io.jobgate.watch.EncodedResponse;
import io.jobgate.watch.QueryResult;
import io.jobgate.watch.Question;
import io.jobgate.watch.WaiterRegistry;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The one wrapper every handler goes through (Nomad's {@code s.wrap}): blocking reads, write
 * replies with their index header, and the mapping from failures to Nomad's status and text.
 * Handlers never set a status code themselves.
 */
final class Api {

  private static final Log LOG = Log.get("jobgate.http");

  private final AgentConfig config;
  private final WaiterRegistry waiters;

  Api(AgentConfig config, WaiterRegistry waiters) {
    this.config = config;
    this.waiters = waiters;
  }

  QueryOptions options(RoutingContext rc) {
    return QueryOptions.parse(rc.request(), config);
  }

  String region(RoutingContext rc) {
    return QueryOptions.region(rc.request(), config);
  }

  /**
   * Answers a read, blocking when asked to (spec §2). {@code question} identifies the read among
   * all that share the route, so identical watchers share one answer.
   */
  void read(RoutingContext rc, String route, QueryOptions q, String question, Read read) {
    String key = route + '\u0000' + question + '\u0000' + (q.pretty() ? 'p' : 'c');
    route(rc, route);
    if (waiters.answer(rc.request(), new ReadQuestion(key, read, q.pretty()), route, q.minIndex(), q.waitMillis())) {
      rc.put(RequestObserver.PARKED, Boolean.TRUE);
    }
  }

  /** Names the route template that serves this request, for its metrics and log line. */
  void route(RoutingContext rc, String template) {
    rc.put(RequestObserver.ROUTE, template);
  }

  /** Replies to a write with its JSON result and {@code X-Nomad-Index} from {@code index}. */
  <T> void write(RoutingContext rc, Future<T> result, ToLongFunction<T> index) {
    reply(rc, result, index, false);
  }

  /** Like {@link #write} but with all three meta headers, as Nomad's revert sets them (spec §1.5). */
  <T> void writeWithMeta(RoutingContext rc, Future<T> result, ToLongFunction<T> index) {
    reply(rc, result, index, true);
  }

  private <T> void reply(RoutingContext rc, Future<T> result, ToLongFunction<T> index, boolean meta) {
    result.onComplete(ar -> {
      if (ar.failed()) {
        fail(rc, ar.cause());
        return;
      }
      HttpServerResponse resp = rc.response();
      resp.putHeader(EncodedResponse.X_NOMAD_INDEX, Long.toString(index.applyAsLong(ar.result())));
      if (meta) {
        // A write reply never fills these, so Nomad sends its zero values (spec §1.5).
        resp.putHeader(EncodedResponse.X_NOMAD_LAST_CONTACT, EncodedResponse.ZERO);
        resp.putHeader(EncodedResponse.X_NOMAD_KNOWN_LEADER, "false");
      }
      json(rc, ar.result());
    });
  }

  /** Replies to a write Nomad answers without a body (policy, token and namespace changes). */
  void writeNoBody(RoutingContext rc, Future<Long> index) {
    index.onComplete(ar -> {
      if (ar.failed()) {
        fail(rc, ar.cause());
        return;
      }
      rc.response().putHeader(EncodedResponse.X_NOMAD_INDEX, Long.toString(ar.result())).end();
    });
  }

  /** A 200 whose body is {@code file}, with the index it was taken at. */
  Future<Void> file(RoutingContext rc, Path file, CharSequence contentType, long index) {
    HttpServerResponse resp = rc.response();
    resp.putHeader(EncodedResponse.X_NOMAD_INDEX, Long.toString(index));
    resp.putHeader(HttpHeaderNames.CONTENT_TYPE, contentType);
    return resp.sendFile(file.toString());
  }

  /** A 200 with a JSON body and no Nomad headers. */
  void json(RoutingContext rc, Object value) {
    Buffer body = JsonCodec.encode(value, QueryOptions.pretty(rc.request()));
    HttpServerResponse resp = rc.response();
    resp.putHeader(HttpHeaderNames.CONTENT_TYPE, EncodedResponse.JSON);
    send(rc.request(), resp, body);
  }

  private static void send(HttpServerRequest req, HttpServerResponse resp, Buffer body) {
    if (EncodedResponse.acceptsGzip(req.getHeader("Accept-Encoding"))) {
      resp.putHeader(HttpHeaderNames.CONTENT_ENCODING, "gzip");
      resp.putHeader(HttpHeaderNames.VARY, "Accept-Encoding");
      resp.end(EncodedResponse.gzip(body));
    } else {
      resp.end(body);
    }
  }

  void methodNotAllowed(RoutingContext rc) {
    text(rc, 405, "Invalid method");
  }

  /** Maps a failure to Nomad's status and plain-text body (spec §1.6). */
  void fail(RoutingContext rc, Throwable failure) {
    if (failure instanceof HttpError e) {
      text(rc, e.status, e.getMessage());
    } else if (failure instanceof EndpointException e) {
      text(rc, status(e.kind()), e.getMessage());
    } else {
      LOG.error("request failed", failure, "method", rc.request().method().name(), "route",
          rc.get(RequestObserver.ROUTE, RequestObserver.UNMATCHED), "path", rc.request().path());
      text(rc, 500, failure.getMessage() == null ? failure.toString() : failure.getMessage());
    }
  }

  private static int status(EndpointException.Kind kind) {
    return switch (kind) {
      case INVALID -> 400;
      case NOT_FOUND -> 404;
      case PERMISSION_DENIED -> 403;
      case TOO_LARGE -> 413;
      case UNAVAILABLE -> 503;
    };
  }

  /** The router's failure handler: body limits, thrown handler errors. */
  void failure(RoutingContext rc) {
    if (rc.failure() != null) {
      fail(rc, rc.failure());
    } else if (rc.statusCode() == 413) {
      text(rc, 413, "Request body too large: the limit is " + config.maxBodyBytes() + " bytes");
    } else {
      text(rc, rc.statusCode(), "Request failed");
    }
  }

  static void text(RoutingContext rc, int status, String message) {
    HttpServerResponse resp = rc.response();
    if (resp.ended() || resp.closed()) {
      return;
    }
    resp.setStatusCode(status);
    resp.putHeader(HttpHeaderNames.CONTENT_TYPE, EncodedResponse.TEXT);
    resp.end(Buffer.buffer(message.getBytes(StandardCharsets.UTF_8)));
  }

  /** A {@link Read} as the watch machinery runs it, encoded as JSON or as a 404 text. */
  private record ReadQuestion(String key, Read read, boolean pretty) implements Question {

    @Override
    public List<WatchKey> watchKeys() {
      return read.watchKeys();
    }

    @Override
    public QueryResult run(StateSnapshot snapshot) {
      Read.Result r = read.run().apply(snapshot);
      return r.notFound() != null ? QueryResult.notFound(r.index(), r.notFound()) : QueryResult.ok(r.index(), r.value());
    }

    @Override
    public EncodedResponse encode(QueryResult result) {
      if (result.status() != 200) {
        return new EncodedResponse(result.status(), result.index(), EncodedResponse.TEXT,
            Buffer.buffer(result.errorText().getBytes(StandardCharsets.UTF_8)));
      }
      return new EncodedResponse(200, result.index(), EncodedResponse.JSON,
          JsonCodec.encode(result.body().get(), pretty));
    }
  }
}
