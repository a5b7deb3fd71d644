package run.hatchet.features;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * The tenant the client's token belongs to.
 *
 * @param id the tenant id
 * @param name its display name
 * @param slug its slug
 * @param version engine data model version, e.g. {@code V1}
 * @param environment {@code local}, {@code development} or {@code production}, or null
 * @param createdAt when it was created
 * @param raw the engine's full JSON
 */
public record TenantInfo(String id, String name, String slug, String version, String environment, Instant createdAt,
    JsonNode raw) {

  static TenantInfo from(JsonNode n) {
    return new TenantInfo(Json.id(n), Json.text(n, "name"), Json.text(n, "slug"), Json.text(n, "version"),
        Json.text(n, "environment"), Json.instant(n.path("metadata"), "createdAt"), n);
  }
}
