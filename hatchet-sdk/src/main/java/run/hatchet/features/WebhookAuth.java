package run.hatchet.features;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/** How an incoming webhook authenticates its sender. Create with the static factories. */
public final class WebhookAuth {
  /** HMAC signature algorithm. */
  public enum Algorithm {
    SHA1,
    SHA256,
    SHA512,
    MD5
  }

  /** Encoding of the HMAC signature header. */
  public enum Encoding {
    HEX,
    BASE64,
    BASE64URL
  }

  final String type;
  private final String[] values;

  private WebhookAuth(String type, String... values) {
    this.type = type;
    for (String v : values) {
      Objects.requireNonNull(v, "webhook auth values must not be null");
    }
    this.values = values;
  }

  /** HTTP basic auth. */
  public static WebhookAuth basic(String username, String password) {
    return new WebhookAuth("BASIC", username, password);
  }

  /** An API key in a header. */
  public static WebhookAuth apiKey(String headerName, String apiKey) {
    return new WebhookAuth("API_KEY", headerName, apiKey);
  }

  /** An HMAC signature of the body in a header. */
  public static WebhookAuth hmac(Algorithm algorithm, Encoding encoding, String signatureHeaderName, String signingSecret) {
    return new WebhookAuth("HMAC", algorithm.name(), encoding.name(), signatureHeaderName, signingSecret);
  }

  /** The auth type as the engine names it: BASIC, API_KEY or HMAC. */
  public String type() {
    return type;
  }

  void writeTo(ObjectNode auth) {
    switch (type) {
      case "BASIC":
        auth.put("username", values[0]).put("password", values[1]);
        break;
      case "API_KEY":
        auth.put("headerName", values[0]).put("apiKey", values[1]);
        break;
      default:
        auth.put("algorithm", values[0]).put("encoding", values[1])
            .put("signatureHeaderName", values[2]).put("signingSecret", values[3]);
    }
  }

  @Override
  public String toString() {
    return "WebhookAuth{" + type + "}";
  }
}
