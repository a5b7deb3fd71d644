package run.hatchet.features;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Outcome of a bulk operation: the ids that were changed and, per id, why others were not.
 *
 * @param ids the ids the engine changed
 * @param errors id (or {@code ""} when the engine names none) to error text
 * @param raw the engine's full JSON
 */
public record BulkResult(List<String> ids, Map<String, String> errors, JsonNode raw) {

  static BulkResult from(JsonNode n, String idsField) {
    Map<String, String> errors = new LinkedHashMap<>();
    n.path("errors").forEach(e -> errors.put(e.path("id").asText(""), e.path("error").asText("")));
    return new BulkResult(Json.strings(n, idsField), Collections.unmodifiableMap(errors), n);
  }

  /** True when the engine reported no errors. */
  public boolean ok() {
    return errors.isEmpty();
  }
}
