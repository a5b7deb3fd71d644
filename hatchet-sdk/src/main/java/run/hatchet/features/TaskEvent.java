package run.hatchet.features;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One entry of a task run's event history as the engine records it: {@code QUEUED}, {@code ASSIGNED},
 * {@code STARTED}, {@code SLOT_RELEASED}, {@code FAILED}, {@code RETRYING}, {@code FINISHED}, … The engine
 * records these asynchronously, so the newest ones can appear a moment after the run's status changed.
 *
 * @param timestamp when it happened
 * @param eventType the engine's event type, e.g. {@code STARTED}
 * @param message the engine's description (may be empty)
 * @param errorMessage the error of a failure event, or null/empty
 * @param taskRunId the task run it belongs to, or null when the engine did not say
 * @param taskDisplayName that task's display name, or null
 * @param workerId the worker involved, or null
 * @param retryCount the retry it belongs to
 * @param attempt the 1-based attempt, 0 if not reported
 * @param raw the engine's full JSON
 */
public record TaskEvent(
    Instant timestamp,
    String eventType,
    String message,
    String errorMessage,
    String taskRunId,
    String taskDisplayName,
    String workerId,
    int retryCount,
    int attempt,
    JsonNode raw) {

  static TaskEvent from(JsonNode n) {
    return new TaskEvent(
        Json.instant(n, "timestamp"),
        Json.text(n, "eventType"),
        Json.text(n, "message"),
        Json.text(n, "errorMessage"),
        Json.text(n, "taskId"),
        Json.text(n, "taskDisplayName"),
        Json.text(n, "workerId"),
        Json.intOr(n, "retryCount", 0),
        Json.intOr(n, "attempt", 0),
        n);
  }
}
