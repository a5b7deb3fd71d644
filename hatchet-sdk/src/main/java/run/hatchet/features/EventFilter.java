package run.hatchet.features;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * An event filter: events with a matching {@code scope} trigger the workflow only when the CEL
 * expression holds; {@code payload} is handed to the run.
 *
 * @param id the filter id
 * @param workflowId the workflow it gates
 * @param scope the scope events must carry
 * @param expression the CEL expression
 * @param payload data given to runs it lets through
 * @param declarative true when it comes from the workflow definition
 * @param createdAt when it was created
 * @param raw the engine's full JSON
 */
public record EventFilter(
    String id,
    String workflowId,
    String scope,
    String expression,
    JsonNode payload,
    boolean declarative,
    Instant createdAt,
    JsonNode raw) {

  static EventFilter from(JsonNode n) {
    return new EventFilter(
        Json.id(n),
        Json.text(n, "workflowId"),
        Json.text(n, "scope"),
        Json.text(n, "expression"),
        Json.node(n, "payload"),
        Json.bool(n, "isDeclarative"),
        Json.instant(n.path("metadata"), "createdAt"),
        n);
  }
}
