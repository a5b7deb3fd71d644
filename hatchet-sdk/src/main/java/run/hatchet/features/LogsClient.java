package run.hatchet.features;

import java.util.List;
import run.hatchet.internal.client.ClientCore;
import run.hatchet.internal.rest.RestClient;

/** Task log lines written with {@code ctx.log}: per task run and tenant-wide. Use {@code hatchet.logs()}. */
public final class LogsClient extends FeatureClient {

  /** SDK-internal; use {@code hatchet.logs()}. */
  public LogsClient(ClientCore core) {
    super(core);
  }

  /** The log lines of a task run, oldest first (up to the engine's default of 50). */
  public List<LogLine> list(String taskRunId) {
    return list(taskRunId, LogQuery.create().order(SortDirection.ASC));
  }

  /** The log lines of a task run matching the query. */
  public List<LogLine> list(String taskRunId, LogQuery query) {
    return Json.list(rest().get("/api/v1/stable/tasks/" + seg(taskRunId) + "/logs"
        + RestClient.query(query.query(false))).path("rows"), LogLine::from);
  }

  /** Log lines across the tenant matching the query. */
  public List<LogLine> search(LogQuery query) {
    return Json.list(rest().get(stableTenantPath("/logs") + RestClient.query(query.query(true))).path("rows"),
        LogLine::from);
  }
}
