package run.hatchet.features;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A workflow run with its tasks.
 *
 * @param id the workflow run id
 * @param status the run's status, or null if the engine sent an unknown value
 * @param workflowId the workflow's id
 * @param displayName the engine's display name
 * @param input the run's input as triggered (the full engine payload is in {@code raw})
 * @param output the run's output (a null node until it finished)
 * @param errorMessage the error of a failed run, or null/empty
 * @param additionalMetadata the run's metadata
 * @param createdAt when it was created
 * @param startedAt when it started, or null
 * @param finishedAt when it finished, or null
 * @param parentTaskRunId the task run that spawned it, or null
 * @param tasks its task runs
 * @param raw the engine's full JSON (includes {@code taskEvents} and {@code shape})
 */
public record RunDetails(
    String id,
    RunStatus status,
    String workflowId,
    String displayName,
    JsonNode input,
    JsonNode output,
    String errorMessage,
    Map<String, Object> additionalMetadata,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    String parentTaskRunId,
    List<TaskSummary> tasks,
    JsonNode raw) {

  static RunDetails from(JsonNode n) {
    JsonNode r = n.path("run");
    return new RunDetails(
        Json.id(r),
        RunStatus.parse(Json.text(r, "status")),
        Json.text(r, "workflowId"),
        Json.text(r, "displayName"),
        Json.userInput(r, "input"),
        Json.node(r, "output"),
        Json.text(r, "errorMessage"),
        Json.map(r, "additionalMetadata"),
        Json.instant(r, "createdAt") != null ? Json.instant(r, "createdAt") : Json.instant(r.path("metadata"), "createdAt"),
        Json.instant(r, "startedAt"),
        Json.instant(r, "finishedAt"),
        Json.text(r, "parentTaskExternalId"),
        Json.list(n.get("tasks"), TaskSummary::from),
        n);
  }

  /** The task run whose display name starts with {@code taskName} (task display names carry a suffix). */
  public Optional<TaskSummary> task(String taskName) {
    for (TaskSummary t : tasks) {
      String name = t.displayName();
      if (name != null && (name.equals(taskName) || name.startsWith(taskName + "-"))) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
