package run.hatchet.features;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One log line of a task run.
 *
 * @param createdAt when it was written
 * @param level its level (null if the engine sent none)
 * @param message the text
 * @param taskRunId the task run it belongs to (tenant-wide search), or null
 * @param taskDisplayName that task's display name, or null
 * @param retryCount the retry it was written in
 * @param attempt the 1-based attempt, 0 if not reported
 * @param metadata the line's metadata
 * @param raw the engine's full JSON
 */
public record LogLine(
    Instant createdAt,
    LogLevel level,
    String message,
    String taskRunId,
    String taskDisplayName,
    int retryCount,
    int attempt,
    JsonNode metadata,
    JsonNode raw) {

  static LogLine from(JsonNode n) {
    return new LogLine(
        Json.instant(n, "createdAt"),
        Json.enumValue(LogLevel.class, Json.text(n, "level")),
        Json.text(n, "message"),
        Json.text(n, "taskExternalId"),
        Json.text(n, "taskDisplayName"),
        Json.intOr(n, "retryCount", 0),
        Json.intOr(n, "attempt", 0),
        Json.node(n, "metadata"),
        n);
  }
}
