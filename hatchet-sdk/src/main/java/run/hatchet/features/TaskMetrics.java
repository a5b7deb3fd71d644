package run.hatchet.features;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Task run counts per status over a time window.
 *
 * @param counts count per status (statuses without runs map to 0)
 * @param raw the engine's full JSON
 */
public record TaskMetrics(Map<RunStatus, Long> counts, JsonNode raw) {

  static TaskMetrics from(JsonNode arr) {
    Map<RunStatus, Long> m = new EnumMap<>(RunStatus.class);
    for (RunStatus s : RunStatus.values()) {
      m.put(s, 0L);
    }
    arr.forEach(n -> {
      RunStatus s = RunStatus.parse(Json.text(n, "status"));
      if (s != null) {
        m.put(s, n.path("count").asLong(0));
      }
    });
    return new TaskMetrics(Collections.unmodifiableMap(m), arr);
  }

  /** The count of one status. */
  public long count(RunStatus status) {
    return counts.getOrDefault(status, 0L);
  }
}
