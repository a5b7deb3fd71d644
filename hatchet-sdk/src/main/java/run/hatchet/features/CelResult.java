package run.hatchet.features;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The outcome of evaluating a CEL expression on the engine.
 *
 * @param success true when it evaluated (whatever the result)
 * @param output the boolean result, or null when it failed or was not boolean
 * @param error the engine's error text when it failed, or null
 * @param raw the engine's full JSON
 */
public record CelResult(boolean success, Boolean output, String error, JsonNode raw) {

  static CelResult from(JsonNode n) {
    JsonNode out = n.get("output");
    return new CelResult("SUCCESS".equals(Json.text(n, "status")),
        out == null || !out.isBoolean() ? null : out.asBoolean(), Json.text(n, "error"), n);
  }
}
