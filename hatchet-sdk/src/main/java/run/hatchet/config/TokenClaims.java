package run.hatchet.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import run.hatchet.HatchetConfigException;

/**
 * The claims of a Hatchet API token, read without verifying the signature (the engine verifies it).
 * They provide the defaults for the tenant id and the engine's addresses.
 */
public final class TokenClaims {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String tenantId;
  private final String grpcBroadcastAddress;
  private final String serverUrl;
  private final Long expiresAt;

  private TokenClaims(String tenantId, String grpcBroadcastAddress, String serverUrl, Long expiresAt) {
    this.tenantId = tenantId;
    this.grpcBroadcastAddress = grpcBroadcastAddress;
    this.serverUrl = serverUrl;
    this.expiresAt = expiresAt;
  }

  /**
   * Decodes the token's payload.
   *
   * @param source the setting the token came from, used in error messages (the token itself never is)
   */
  public static TokenClaims parse(String token, String source) {
    if (token == null || token.isBlank()) {
      throw new HatchetConfigException(source + " is not set: a Hatchet API token is required");
    }
    String[] parts = token.trim().split("\\.", -1);
    if (parts.length != 3 || parts[1].isEmpty()) {
      throw new HatchetConfigException(
          source + " is not a valid Hatchet API token: expected a JWT of three dot-separated parts");
    }
    JsonNode claims;
    try {
      byte[] json = Base64.getUrlDecoder().decode(stripPadding(parts[1]));
      claims = MAPPER.readTree(new String(json, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | java.io.IOException e) {
      throw new HatchetConfigException(
          source + " is not a valid Hatchet API token: its payload is not base64url-encoded JSON");
    }
    if (claims == null || !claims.isObject()) {
      throw new HatchetConfigException(
          source + " is not a valid Hatchet API token: its payload is not a JSON object");
    }
    return new TokenClaims(
        text(claims, "sub"),
        text(claims, "grpc_broadcast_address"),
        text(claims, "server_url"),
        claims.hasNonNull("exp") && claims.get("exp").canConvertToLong() ? claims.get("exp").asLong() : null);
  }

  private static String stripPadding(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '=') {
      end--;
    }
    return s.substring(0, end);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** The {@code sub} claim: the tenant id. */
  public String tenantId() {
    return tenantId;
  }

  /** The {@code grpc_broadcast_address} claim. */
  public String grpcBroadcastAddress() {
    return grpcBroadcastAddress;
  }

  /** The {@code server_url} claim. */
  public String serverUrl() {
    return serverUrl;
  }

  /** The {@code exp} claim in epoch seconds, or null. */
  public Long expiresAt() {
    return expiresAt;
  }
}
