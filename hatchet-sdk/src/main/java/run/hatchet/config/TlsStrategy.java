package run.hatchet.config;

import java.util.Locale;
import run.hatchet.HatchetConfigException;

/** How the gRPC connection is secured. */
public enum TlsStrategy {
  /** TLS with server verification (system trust store or a configured root CA). */
  TLS,
  /** Mutual TLS: TLS plus a client certificate and key. */
  MTLS,
  /** Plaintext HTTP/2, for local engines started without TLS. */
  NONE;

  static TlsStrategy parse(String value, String source) {
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "tls":
        return TLS;
      case "mtls":
        return MTLS;
      case "none":
        return NONE;
      default:
        throw new HatchetConfigException(
            source + " must be one of tls, mtls, none (was '" + value.trim() + "')");
    }
  }
}
