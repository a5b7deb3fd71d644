package run.hatchet.features;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which log lines to read: time window, levels, text search, order, attempt and, for tenant-wide search,
 * task runs, workflows and tasks. Mutable builder. The engine returns at most {@link #limit} lines (its
 * default is 50) and has no offset; page by moving {@link #since} / {@link #until}.
 */
public final class LogQuery {
  Integer limit;
  Instant since;
  Instant until;
  String search;
  final List<LogLevel> levels = new ArrayList<>();
  SortDirection direction;
  Integer attempt;
  final List<String> taskRunIds = new ArrayList<>();
  final List<String> workflowIds = new ArrayList<>();
  final List<String> taskIds = new ArrayList<>();

  private LogQuery() {}

  /** No filters; the engine's default limit and order. */
  public static LogQuery create() {
    return new LogQuery();
  }

  /** At most this many lines. */
  public LogQuery limit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1 (was " + limit + ")");
    }
    this.limit = limit;
    return this;
  }

  /** Lines written after {@code since} (exclusive). */
  public LogQuery since(Instant since) {
    this.since = since;
    return this;
  }

  /** Lines written before {@code until} (exclusive). */
  public LogQuery until(Instant until) {
    this.until = until;
    return this;
  }

  /** Lines containing this text. */
  public LogQuery search(String text) {
    this.search = text;
    return this;
  }

  /** Only these levels. */
  public LogQuery levels(LogLevel... levels) {
    this.levels.addAll(List.of(levels));
    return this;
  }

  /** Oldest first ({@link SortDirection#ASC}) or newest first. */
  public LogQuery order(SortDirection direction) {
    this.direction = direction;
    return this;
  }

  /** Only lines of this 1-based attempt. */
  public LogQuery attempt(int attempt) {
    this.attempt = attempt;
    return this;
  }

  /** Tenant-wide search only: lines of these task runs. */
  public LogQuery taskRunIds(String... ids) {
    this.taskRunIds.addAll(List.of(ids));
    return this;
  }

  /** Tenant-wide search only: lines of runs of these workflows (ids). */
  public LogQuery workflowIds(String... ids) {
    this.workflowIds.addAll(List.of(ids));
    return this;
  }

  /** Tenant-wide search only: lines of these task definitions (step ids). */
  public LogQuery taskIds(String... ids) {
    this.taskIds.addAll(List.of(ids));
    return this;
  }

  Map<String, Object> query(boolean tenantWide) {
    if (!tenantWide && (!taskRunIds.isEmpty() || !workflowIds.isEmpty() || !taskIds.isEmpty())) {
      throw new IllegalArgumentException("task run, workflow and task filters apply to tenant-wide search only");
    }
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("limit", limit);
    q.put("since", FeatureClient.ts(since));
    q.put("until", FeatureClient.ts(until));
    q.put("search", search);
    q.put("levels", FeatureClient.names(levels));
    q.put("order_by_direction", direction == null ? null : direction.name());
    q.put("attempt", attempt);
    if (tenantWide) {
      q.put("taskExternalIds", FeatureClient.nonEmpty(taskRunIds));
      q.put("workflow_ids", FeatureClient.nonEmpty(workflowIds));
      q.put("step_ids", FeatureClient.nonEmpty(taskIds));
    }
    return q;
  }
}
