package run.hatchet.features;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A workflow run or task run as listed by the engine. In a run list each row is a run ({@link #dag()}
 * true for DAG workflows, whose tasks are in {@link #children()}); with {@code onlyTasks} rows are task runs.
 *
 * @param id the row's id: the task run id, or the workflow run id for a DAG row
 * @param taskRunId the task run id ({@code taskExternalId})
 * @param workflowRunId the workflow run id
 * @param workflowId the workflow's id
 * @param workflowName the workflow's name (with namespace), if reported
 * @param displayName the engine's display name
 * @param status the status, or null if the engine sent an unknown value
 * @param dag true for a DAG workflow run, false for a task
 * @param retryCount 0 on the first attempt, then 1, 2, …
 * @param attempt the 1-based attempt number, 0 if not reported
 * @param createdAt when the run or task was created
 * @param startedAt when it started, or null
 * @param finishedAt when it finished, or null
 * @param durationMs run time in milliseconds, or null
 * @param errorMessage the error of a failed run, or null/empty
 * @param input the input as triggered (a null node when payloads were not included; the full engine payload with
 *     parent outputs and triggers is in {@code raw})
 * @param output the output (a null node when not finished or not included)
 * @param additionalMetadata the run's metadata
 * @param parentTaskRunId the task run that spawned it, or null
 * @param evicted true for an evicted durable task
 * @param children the tasks of a DAG row (may be empty)
 * @param raw the engine's full JSON
 */
public record TaskSummary(
    String id,
    String taskRunId,
    String workflowRunId,
    String workflowId,
    String workflowName,
    String displayName,
    RunStatus status,
    boolean dag,
    int retryCount,
    int attempt,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    Long durationMs,
    String errorMessage,
    JsonNode input,
    JsonNode output,
    Map<String, Object> additionalMetadata,
    String parentTaskRunId,
    boolean evicted,
    List<TaskSummary> children,
    JsonNode raw) {

  static TaskSummary from(JsonNode n) {
    return new TaskSummary(
        Json.id(n),
        Json.text(n, "taskExternalId"),
        Json.text(n, "workflowRunExternalId"),
        Json.text(n, "workflowId"),
        Json.text(n, "workflowName"),
        Json.text(n, "displayName"),
        RunStatus.parse(Json.text(n, "status")),
        "DAG".equals(Json.text(n, "type")),
        Json.intOr(n, "retryCount", 0),
        Json.intOr(n, "attempt", 0),
        Json.instant(n, "createdAt"),
        Json.instant(n, "startedAt"),
        Json.instant(n, "finishedAt"),
        Json.longValue(n, "duration"),
        Json.text(n, "errorMessage"),
        Json.userInput(n, "input"),
        Json.node(n, "output"),
        Json.map(n, "additionalMetadata"),
        Json.text(n, "parentTaskExternalId"),
        Json.bool(n, "isEvicted"),
        Json.list(n.get("children"), TaskSummary::from),
        n);
  }
}
