package io.jobgate.http;

/** An HTTP-layer refusal (bad query parameter, undecodable body): status plus plain-text body. */
final class HttpError extends RuntimeException {

  final int status;

  HttpError(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  static HttpError badRequest(String message) {
    return new HttpError(400, message);
  }
}
