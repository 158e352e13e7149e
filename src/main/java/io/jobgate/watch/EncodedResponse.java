package io.jobgate.watch;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/**
 * An answer encoded once and written to every request that asked the same question. The body
 * buffer is shared read-only; the gzip variant is made on first use (Go clients always ask for
 * it, so a wake of many Go watchers compresses once, not once per watcher).
 */
public final class EncodedResponse {

  public static final CharSequence X_NOMAD_INDEX = HttpHeaders.createOptimized("X-Nomad-Index");
  public static final CharSequence X_NOMAD_KNOWN_LEADER = HttpHeaders.createOptimized("X-Nomad-KnownLeader");
  public static final CharSequence X_NOMAD_LAST_CONTACT = HttpHeaders.createOptimized("X-Nomad-LastContact");
  /** This agent is its own leader: it always knows the leader and was in contact 0 ms ago. */
  public static final CharSequence TRUE = HttpHeaders.createOptimized("true");
  public static final CharSequence ZERO = HttpHeaders.createOptimized("0");
  public static final CharSequence JSON = HttpHeaders.createOptimized("application/json");
  public static final CharSequence TEXT = HttpHeaders.createOptimized("text/plain; charset=utf-8");
  private static final CharSequence GZIP = HttpHeaders.createOptimized("gzip");
  private static final CharSequence ACCEPT_ENCODING = HttpHeaders.createOptimized("Accept-Encoding");

  private final int status;
  private final CharSequence index;
  private final CharSequence contentType;
  private final Buffer body;
  private final CharSequence length;
  private Buffer gzipped;
  private CharSequence gzippedLength;

  public EncodedResponse(int status, long index, CharSequence contentType, Buffer body) {
    this.status = status;
    this.index = HttpHeaders.createOptimized(Long.toString(index));
    this.contentType = contentType;
    this.body = body;
    this.length = HttpHeaders.createOptimized(Integer.toString(body.length()));
  }

  /** Writes the answer with the three read headers (spec §1.5). */
  public void writeTo(HttpServerResponse response, boolean gzip) {
    MultiMap h = response.headers();
    h.set(X_NOMAD_INDEX, index);
    h.set(X_NOMAD_KNOWN_LEADER, TRUE);
    h.set(X_NOMAD_LAST_CONTACT, ZERO);
    h.set(HttpHeaderNames.CONTENT_TYPE, contentType);
    h.set(HttpHeaderNames.VARY, ACCEPT_ENCODING);
    response.setStatusCode(status);
    if (gzip) {
      h.set(HttpHeaderNames.CONTENT_ENCODING, GZIP);
      Buffer gz = gzipped();
      h.set(HttpHeaderNames.CONTENT_LENGTH, gzippedLength);
      response.end(gz);
    } else {
      h.set(HttpHeaderNames.CONTENT_LENGTH, length);
      response.end(body);
    }
  }

  private Buffer gzipped() {
    if (gzipped == null) {
      gzipped = gzip(body);
      gzippedLength = HttpHeaders.createOptimized(Integer.toString(gzipped.length()));
    }
    return gzipped;
  }

  public static Buffer gzip(Buffer body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length() / 4));
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(body.getBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Buffer.buffer(out.toByteArray());
  }

  /** Whether the request accepts a gzip body (what Go's transport always asks for). */
  public static boolean acceptsGzip(String acceptEncoding) {
    return acceptEncoding != null && acceptEncoding.contains(HttpHeaderValues.GZIP);
  }
}
