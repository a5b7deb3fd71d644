package run.hatchet.features;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * When one task run of a workflow run (or of its children, by depth) was queued, started and finished.
 *
 * @param taskRunId the task run id
 * @param displayName the engine's display name
 * @param status the status
 * @param depth 0 for the run's own tasks, 1 for its children's, …
 * @param retryCount the retry count of the timed attempt
 * @param attempt the 1-based attempt number, 0 if not reported
 * @param queuedAt when it was queued, or null
 * @param startedAt when it started, or null
 * @param finishedAt when it finished, or null
 * @param parentTaskRunId the parent task run, or null
 * @param workflowRunId the workflow run it belongs to, or null
 * @param raw the engine's full JSON
 */
public record TaskTiming(
    String taskRunId,
    String displayName,
    RunStatus status,
    int depth,
    int retryCount,
    int attempt,
    Instant queuedAt,
    Instant startedAt,
    Instant finishedAt,
    String parentTaskRunId,
    String workflowRunId,
    JsonNode raw) {

  static TaskTiming from(JsonNode n) {
    return new TaskTiming(
        Json.text(n, "taskExternalId"),
        Json.text(n, "taskDisplayName"),
        RunStatus.parse(Json.text(n, "status")),
        Json.intOr(n, "depth", 0),
        Json.intOr(n, "retryCount", 0),
        Json.intOr(n, "attempt", 0),
        Json.instant(n, "queuedAt"),
        Json.instant(n, "startedAt"),
        Json.instant(n, "finishedAt"),
        Json.text(n, "parentTaskExternalId"),
        Json.text(n, "workflowRunId"),
        n);
  }
}
