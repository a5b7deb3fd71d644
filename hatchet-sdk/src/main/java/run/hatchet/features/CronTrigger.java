package run.hatchet.features;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/**
 * A cron trigger of a workflow.
 *
 * @param id the cron trigger id
 * @param name the cron's name (null for crons declared in the workflow definition)
 * @param expression the cron expression
 * @param workflowId the workflow's id
 * @param workflowName the workflow's name (with namespace)
 * @param enabled whether it fires
 * @param method {@code API} when created over the API, {@code DEFAULT} when declared in the definition
 * @param input the input of the runs it creates
 * @param additionalMetadata the metadata of the runs it creates
 * @param priority the priority of the runs it creates, or null
 * @param createdAt when it was created
 * @param raw the engine's full JSON
 */
public record CronTrigger(
    String id,
    String name,
    String expression,
    String workflowId,
    String workflowName,
    boolean enabled,
    String method,
    JsonNode input,
    Map<String, Object> additionalMetadata,
    Integer priority,
    Instant createdAt,
    JsonNode raw) {

  static CronTrigger from(JsonNode n) {
    return new CronTrigger(
        Json.id(n),
        Json.text(n, "name"),
        Json.text(n, "cron"),
        Json.text(n, "workflowId"),
        Json.text(n, "workflowName"),
        Json.bool(n, "enabled"),
        Json.text(n, "method"),
        Json.node(n, "input"),
        Json.map(n, "additionalMetadata"),
        Json.integer(n, "priority"),
        Json.instant(n.path("metadata"), "createdAt"),
        n);
  }
}
