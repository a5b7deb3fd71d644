package run.hatchet.features;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A registered workflow.
 *
 * @param id the workflow id (use it in run filters, filters and workflow calls)
 * @param name the name as stored (with namespace)
 * @param description the description, or null/empty
 * @param paused whether new runs are held in the queue
 * @param createdAt when it was first registered
 * @param updatedAt when it last changed
 * @param raw the engine's full JSON (versions, jobs, tags, pause behaviour, …)
 */
public record WorkflowInfo(
    String id,
    String name,
    String description,
    boolean paused,
    Instant createdAt,
    Instant updatedAt,
    JsonNode raw) {

  static WorkflowInfo from(JsonNode n) {
    return new WorkflowInfo(
        Json.id(n),
        Json.text(n, "name"),
        Json.text(n, "description"),
        Json.bool(n, "isPaused"),
        Json.instant(n.path("metadata"), "createdAt"),
        Json.instant(n.path("metadata"), "updatedAt"),
        n);
  }
}
