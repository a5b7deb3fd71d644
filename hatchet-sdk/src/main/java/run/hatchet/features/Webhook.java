package run.hatchet.features;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * An incoming webhook: requests to its URL become events.
 *
 * @param id the webhook id
 * @param name its name (the path segment of its URL)
 * @param sourceName the sender kind: GENERIC, GITHUB, STRIPE, SLACK, LINEAR, SVIX
 * @param eventKeyExpression CEL expression computing the event key
 * @param scopeExpression CEL expression computing the event scope, or null
 * @param staticPayload data merged into each event, or a null node
 * @param authType BASIC, API_KEY or HMAC
 * @param createdAt when it was created
 * @param raw the engine's full JSON
 */
public record Webhook(
    String id,
    String name,
    String sourceName,
    String eventKeyExpression,
    String scopeExpression,
    JsonNode staticPayload,
    String authType,
    Instant createdAt,
    JsonNode raw) {

  static Webhook from(JsonNode n) {
    return new Webhook(
        Json.id(n),
        Json.text(n, "name"),
        Json.text(n, "sourceName"),
        Json.text(n, "eventKeyExpression"),
        Json.text(n, "scopeExpression"),
        Json.node(n, "staticPayload"),
        Json.text(n, "authType"),
        Json.instant(n.path("metadata"), "createdAt"),
        n);
  }
}
