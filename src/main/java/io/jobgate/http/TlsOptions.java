package io.jobgate.http;

import io.jobgate.config.TlsConfig;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.ServerSSLOptions;
import java.util.List;
import java.util.Set;

/**
 * The API's TLS settings from {@code tls:}: PEM certificate and key, optional client-certificate
 * verification, TLS 1.2+ with forward-secret AEAD ciphers only, and HTTP/2 offered by ALPN.
 */
final class TlsOptions {

  static final Set<String> PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");
  /** TLS 1.3's suites, then TLS 1.2's ECDHE + AES-GCM / ChaCha20 (Mozilla's "intermediate"). */
  static final List<String> CIPHERS = List.of(
      "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  private TlsOptions() {
  }

  /** Turns HTTPS on in the options a front listens with. */
  static void apply(HttpServerOptions options, TlsConfig tls) {
    options.setSsl(true)
        .setUseAlpn(true)
        .setKeyCertOptions(keyCert(tls))
        .setEnabledSecureTransportProtocols(PROTOCOLS)
        .setClientAuth(tls.verifyHttpsClient() ? ClientAuth.REQUIRED : ClientAuth.NONE);
    CIPHERS.forEach(options::addEnabledCipherSuite);
    if (!tls.caFile().isEmpty()) {
      options.setTrustOptions(new PemTrustOptions().addCertPath(tls.caFile()));
    }
  }

  /** The same settings for {@code HttpServer.updateSSLOptions}: the files are read again. */
  static ServerSSLOptions serverSsl(TlsConfig tls) {
    ServerSSLOptions ssl = new ServerSSLOptions()
        .setUseAlpn(true)
        .setKeyCertOptions(keyCert(tls))
        .setEnabledSecureTransportProtocols(PROTOCOLS)
        .setClientAuth(tls.verifyHttpsClient() ? ClientAuth.REQUIRED : ClientAuth.NONE);
    CIPHERS.forEach(ssl::addEnabledCipherSuite);
    if (!tls.caFile().isEmpty()) {
      ssl.setTrustOptions(new PemTrustOptions().addCertPath(tls.caFile()));
    }
    return ssl;
  }

  private static PemKeyCertOptions keyCert(TlsConfig tls) {
    return new PemKeyCertOptions().setCertPath(tls.certFile()).setKeyPath(tls.keyFile());
  }
}
