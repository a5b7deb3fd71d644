package run.hatchet.features;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A worker as the engine sees it.
 *
 * @param id the worker id
 * @param name the worker name (with namespace)
 * @param status ACTIVE, INACTIVE or PAUSED (null if unknown)
 * @param lastHeartbeatAt the last heartbeat, or null
 * @param actions the action ids it serves (only in single-worker reads)
 * @param labels its labels
 * @param raw the engine's full JSON (slots, registered workflows, runtime info, …)
 */
public record WorkerInfo(
    String id,
    String name,
    WorkerStatus status,
    Instant lastHeartbeatAt,
    List<String> actions,
    Map<String, String> labels,
    JsonNode raw) {

  static WorkerInfo from(JsonNode n) {
    Map<String, String> labels = new LinkedHashMap<>();
    n.path("labels").forEach(l -> labels.put(l.path("key").asText(), Json.text(l, "value")));
    return new WorkerInfo(
        Json.id(n),
        Json.text(n, "name"),
        Json.enumValue(WorkerStatus.class, Json.text(n, "status")),
        Json.instant(n, "lastHeartbeatAt"),
        Json.strings(n, "actions"),
        Collections.unmodifiableMap(labels),
        n);
  }
}
