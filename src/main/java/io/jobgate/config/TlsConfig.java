package io.jobgate.config;

/**
 * HTTPS for the API ({@code tls:} in the config file).
 *
 * @param enabled           serve HTTPS instead of HTTP
 * @param certFile          PEM certificate chain of the agent
 * @param keyFile           PEM private key of that certificate (PKCS#8, or PKCS#1 for RSA)
 * @param caFile            PEM CA certificates that client certificates must chain to
 * @param verifyHttpsClient require a client certificate signed by {@code caFile} (mutual TLS)
 */
public record TlsConfig(boolean enabled, String certFile, String keyFile, String caFile, boolean verifyHttpsClient) {

  public static final TlsConfig DISABLED = new TlsConfig(false, "", "", "", false);
}
