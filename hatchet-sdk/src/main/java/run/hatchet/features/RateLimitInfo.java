package run.hatchet.features;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A rate limit's state.
 *
 * @param key the key
 * @param limit units allowed per window
 * @param value units currently available
 * @param window the window as the engine reports it (e.g. {@code 1 second})
 * @param lastRefill when the window last refilled
 * @param raw the engine's full JSON
 */
public record RateLimitInfo(String key, int limit, int value, String window, Instant lastRefill, JsonNode raw) {

  static RateLimitInfo from(JsonNode n) {
    return new RateLimitInfo(
        Json.text(n, "key"),
        Json.intOr(n, "limitValue", 0),
        Json.intOr(n, "value", 0),
        Json.text(n, "window"),
        Json.instant(n, "lastRefill"),
        n);
  }
}
