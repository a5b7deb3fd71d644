package run.hatchet.features;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One entry of a durable task's event log (a child run, a wait or a memoised value).
 *
 * @param nodeId the entry's node id (use with {@code branchDurableTask})
 * @param branchId the branch the entry belongs to
 * @param kind {@code RUN}, {@code WAIT_FOR} or {@code MEMO}
 * @param satisfied whether the entry has been satisfied
 * @param satisfiedAt when, or null
 * @param insertedAt when the entry was written
 * @param userMessage an optional message
 * @param taskRunId the durable task run
 * @param taskDisplayName its display name
 * @param raw the engine's full JSON (includes {@code waitData})
 */
public record DurableEventLogEntry(
    long nodeId,
    long branchId,
    String kind,
    boolean satisfied,
    Instant satisfiedAt,
    Instant insertedAt,
    String userMessage,
    String taskRunId,
    String taskDisplayName,
    JsonNode raw) {

  static DurableEventLogEntry from(JsonNode n) {
    Long node = Json.longValue(n, "nodeId");
    Long branch = Json.longValue(n, "branchId");
    return new DurableEventLogEntry(
        node == null ? 0 : node,
        branch == null ? 0 : branch,
        Json.text(n, "kind"),
        Json.bool(n, "isSatisfied"),
        Json.instant(n, "satisfiedAt"),
        Json.instant(n, "insertedAt"),
        Json.text(n, "userMessage"),
        Json.text(n, "taskExternalId"),
        Json.text(n, "taskDisplayName"),
        n);
  }
}
