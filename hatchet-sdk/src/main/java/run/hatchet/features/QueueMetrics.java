package run.hatchet.features;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Queued task runs of the tenant.
 *
 * @param queues queued count per queue (queues are named by action id, e.g. {@code ns_workflow:task})
 * @param concurrency for workflows with concurrency limits: queued count per concurrency key, by workflow name
 * @param raw the engine's full JSON
 */
public record QueueMetrics(Map<String, Long> queues, Map<String, Map<String, Long>> concurrency, JsonNode raw) {

  static QueueMetrics from(JsonNode n) {
    Map<String, Long> queues = new LinkedHashMap<>();
    Map<String, Map<String, Long>> concurrency = new LinkedHashMap<>();
    n.path("queues").properties().forEach(e -> {
      if (e.getValue().isObject()) {
        Map<String, Long> keys = new LinkedHashMap<>();
        e.getValue().properties().forEach(k -> keys.put(k.getKey(), k.getValue().asLong(0)));
        concurrency.put(e.getKey(), Collections.unmodifiableMap(keys));
      } else {
        queues.put(e.getKey(), e.getValue().asLong(0));
      }
    });
    return new QueueMetrics(Collections.unmodifiableMap(queues), Collections.unmodifiableMap(concurrency), n);
  }

  /** Queued count of one queue (0 when absent). */
  public long queued(String queue) {
    return queues.getOrDefault(queue, 0L);
  }
}
