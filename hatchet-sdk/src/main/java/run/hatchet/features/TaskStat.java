package run.hatchet.features;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Live queue statistics of one task (by task name).
 *
 * @param queued task runs waiting in a queue
 * @param running task runs currently running
 * @param raw the engine's full JSON (per-queue counts, concurrency keys, oldest entries)
 */
public record TaskStat(long queued, long running, JsonNode raw) {

  static TaskStat from(JsonNode n) {
    return new TaskStat(n.path("queued").path("total").asLong(0), n.path("running").path("total").asLong(0), n);
  }
}
