package run.hatchet.features;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Filters and order for listing scheduled runs, also used to bulk-delete by filter (which honours only
 * the workflow, parent and metadata filters). Mutable builder.
 */
public final class ScheduledQuery {
  /** Sort field. */
  public enum OrderBy {
    TRIGGER_AT("triggerAt"),
    CREATED_AT("createdAt");

    final String wire;

    OrderBy(String wire) {
      this.wire = wire;
    }
  }

  String workflowId;
  String parentWorkflowRunId;
  String parentTaskRunId;
  final Map<String, String> metadata = new LinkedHashMap<>();
  final List<ScheduledRunStatus> statuses = new ArrayList<>();
  OrderBy orderBy;
  SortDirection direction;

  private ScheduledQuery() {}

  /** All scheduled runs. */
  public static ScheduledQuery create() {
    return new ScheduledQuery();
  }

  /** Only runs of this workflow (by id). */
  public ScheduledQuery workflowId(String id) {
    this.workflowId = id;
    return this;
  }

  /** Only runs scheduled from inside this workflow run. */
  public ScheduledQuery parentWorkflowRunId(String id) {
    this.parentWorkflowRunId = id;
    return this;
  }

  /** Only runs scheduled from inside this task run. */
  public ScheduledQuery parentTaskRunId(String id) {
    this.parentTaskRunId = id;
    return this;
  }

  /** Only runs whose metadata has {@code key} = {@code value}. */
  public ScheduledQuery metadata(String key, String value) {
    metadata.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /** Only runs in these states (listing only). */
  public ScheduledQuery statuses(ScheduledRunStatus... statuses) {
    this.statuses.addAll(List.of(statuses));
    return this;
  }

  /** Sort order (listing only). */
  public ScheduledQuery orderBy(OrderBy field, SortDirection direction) {
    this.orderBy = field;
    this.direction = direction;
    return this;
  }
}
