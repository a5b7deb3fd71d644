package run.hatchet.features;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/**
 * A run scheduled for a point in time.
 *
 * @param id the scheduled run's id (not a workflow run id)
 * @param workflowId the workflow's id
 * @param workflowName the workflow's name (with namespace)
 * @param triggerAt when it fires
 * @param input the input of the run
 * @param additionalMetadata the metadata of the run
 * @param priority the priority of the run, or null
 * @param method {@code API} or {@code DEFAULT}
 * @param workflowRunId the run it created once fired, or null
 * @param workflowRunStatus that run's status as the engine reports it, or null
 * @param raw the engine's full JSON
 */
public record ScheduledRun(
    String id,
    String workflowId,
    String workflowName,
    Instant triggerAt,
    JsonNode input,
    Map<String, Object> additionalMetadata,
    Integer priority,
    String method,
    String workflowRunId,
    String workflowRunStatus,
    JsonNode raw) {

  static ScheduledRun from(JsonNode n) {
    return new ScheduledRun(
        Json.id(n),
        Json.text(n, "workflowId"),
        Json.text(n, "workflowName"),
        Json.instant(n, "triggerAt"),
        Json.node(n, "input"),
        Json.map(n, "additionalMetadata"),
        Json.integer(n, "priority"),
        Json.text(n, "method"),
        Json.text(n, "workflowRunId"),
        Json.text(n, "workflowRunStatus"),
        n);
  }
}
