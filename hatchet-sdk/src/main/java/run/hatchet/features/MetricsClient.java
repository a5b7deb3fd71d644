package run.hatchet.features;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import run.hatchet.internal.client.ClientCore;
import run.hatchet.internal.rest.RestClient;

/** Tenant metrics: task counts per status, queue depths, per-task stats. Use {@code hatchet.metrics()}. */
public final class MetricsClient extends FeatureClient {

  /** SDK-internal; use {@code hatchet.metrics()}. */
  public MetricsClient(ClientCore core) {
    super(core);
  }

  /**
   * Task run counts per status for runs matching the filter (honours the time window, workflow ids,
   * parent task, triggering event and metadata).
   */
  public TaskMetrics taskMetrics(RunFilter filter) {
    return TaskMetrics.from(rest().get(stableTenantPath("/task-metrics") + RestClient.query(filter.metricsQuery())));
  }

  /** Queued task runs per engine queue and per concurrency key. */
  public QueueMetrics queueMetrics() {
    return QueueMetrics.from(rest().get(tenantPath("/step-run-queue-metrics")));
  }

  /** Queued and running counts of every task with work, by task name. */
  public Map<String, TaskStat> taskStats() {
    return taskStats(null);
  }

  /** Queued and running counts of the named tasks (task names as declared; names without work report 0). */
  public Map<String, TaskStat> taskStats(Collection<String> taskNames) {
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("taskNames", nonEmpty(taskNames));
    JsonNode n = rest().get(tenantPath("/task-stats") + RestClient.query(q));
    Map<String, TaskStat> out = new LinkedHashMap<>();
    n.properties().forEach(e -> out.put(e.getKey(), TaskStat.from(e.getValue())));
    return Collections.unmodifiableMap(out);
  }

  /** The tenant's metrics in Prometheus text format (the engine must have tenant metrics enabled). */
  public String prometheus() {
    return rest().getText(tenantPath("/prometheus-metrics"));
  }
}
