package run.hatchet.features;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An event stored by the engine, with the runs it triggered.
 *
 * @param id the event id
 * @param key the key as stored (with namespace)
 * @param payload the payload (a null node when payloads are restricted)
 * @param additionalMetadata the event's metadata
 * @param scope the scope, or null
 * @param seenAt when the engine received it
 * @param triggeredRunIds ids of the workflow runs it triggered
 * @param runs counts of those runs by state
 * @param raw the engine's full JSON
 */
public record EventInfo(
    String id,
    String key,
    JsonNode payload,
    Map<String, Object> additionalMetadata,
    String scope,
    Instant seenAt,
    List<String> triggeredRunIds,
    RunCounts runs,
    JsonNode raw) {

  /**
   * Runs triggered by an event, by state.
   *
   * @param queued waiting to start
   * @param running running
   * @param succeeded completed
   * @param failed failed
   * @param cancelled cancelled
   */
  public record RunCounts(long queued, long running, long succeeded, long failed, long cancelled) {}

  /** Reads the engine's JSON of one event. */
  public static EventInfo fromJson(JsonNode n) {
    JsonNode s = n.path("workflowRunSummary");
    Instant seen = Json.instant(n, "seenAt");
    return new EventInfo(
        Json.id(n),
        Json.text(n, "key"),
        Json.node(n, "payload"),
        Json.map(n, "additionalMetadata"),
        Json.text(n, "scope"),
        seen != null ? seen : Json.instant(n.path("metadata"), "createdAt"),
        Json.list(n.get("triggeredRuns"), r -> r.path("workflowRunId").asText()),
        new RunCounts(s.path("queued").asLong(0), s.path("running").asLong(0), s.path("succeeded").asLong(0),
            s.path("failed").asLong(0), s.path("cancelled").asLong(0)),
        n);
  }
}
