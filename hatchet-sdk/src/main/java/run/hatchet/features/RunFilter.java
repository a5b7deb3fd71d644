package run.hatchet.features;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which runs to list, count, cancel or replay: a creation-time window (default: the last 24 hours) and
 * optional filters. Mutable builder; not thread-safe.
 *
 * <p>Bulk cancel/replay by filter and {@code listIds} accept only {@code since}, {@code until},
 * {@code statuses}, {@code workflowIds} and {@code metadata}; the other filters apply to listing. There
 * the engine matches runs having <em>any</em> of several metadata pairs, so more than one pair needs
 * {@code metadataMatch(ANY)}.
 */
public final class RunFilter {
  /** Default window when {@link #since(Instant)} is not set. */
  public static final Duration DEFAULT_WINDOW = Duration.ofDays(1);

  /** How several metadata pairs combine when listing. */
  public enum MetadataMatch {
    /** Every pair must match (engine operator AND; the default). */
    ALL,
    /** Any pair may match (engine operator OR). */
    ANY
  }

  /** Narrows RUNNING runs. */
  public enum Running {
    ALL,
    EVICTED,
    ON_WORKER
  }

  private Instant since;
  private Instant until;
  private final List<RunStatus> statuses = new ArrayList<>();
  private final List<String> workflowIds = new ArrayList<>();
  private final Map<String, String> metadata = new LinkedHashMap<>();
  private MetadataMatch metadataMatch;
  private String workerId;
  private boolean onlyTasks;
  private String parentTaskRunId;
  private String triggeringEventId;
  private Running running;
  private final List<String> idempotencyKeys = new ArrayList<>();
  private boolean includePayloads = true;

  private RunFilter() {}

  /** A filter for runs created in the last 24 hours. */
  public static RunFilter create() {
    return new RunFilter();
  }

  /** Runs created at or after {@code since}. */
  public RunFilter since(Instant since) {
    this.since = Objects.requireNonNull(since, "since");
    return this;
  }

  /** Runs created at or before {@code until}. */
  public RunFilter until(Instant until) {
    this.until = until;
    return this;
  }

  /** Only these statuses (adds to earlier calls). */
  public RunFilter statuses(RunStatus... statuses) {
    this.statuses.addAll(List.of(statuses));
    return this;
  }

  /** Only runs of these workflows, by workflow id (see {@code hatchet.workflows().findByName}). */
  public RunFilter workflowIds(String... ids) {
    this.workflowIds.addAll(List.of(ids));
    return this;
  }

  /** Only runs whose additional metadata has {@code key} = {@code value}. */
  public RunFilter metadata(String key, String value) {
    this.metadata.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /** Whether all metadata pairs must match (default) or any. */
  public RunFilter metadataMatch(MetadataMatch match) {
    this.metadataMatch = match;
    return this;
  }

  /** Only runs handled by this worker. */
  public RunFilter workerId(String workerId) {
    this.workerId = workerId;
    return this;
  }

  /** List task runs instead of workflow runs (DAG runs are then expanded into their tasks). */
  public RunFilter onlyTasks(boolean onlyTasks) {
    this.onlyTasks = onlyTasks;
    return this;
  }

  /** Only children spawned by this task run. */
  public RunFilter parentTaskRunId(String taskRunId) {
    this.parentTaskRunId = taskRunId;
    return this;
  }

  /** Only runs triggered by this event. */
  public RunFilter triggeringEventId(String eventId) {
    this.triggeringEventId = eventId;
    return this;
  }

  /** Narrows RUNNING runs to evicted ones or ones on a worker. */
  public RunFilter running(Running running) {
    this.running = running;
    return this;
  }

  /** Only runs with these idempotency keys. */
  public RunFilter idempotencyKeys(String... keys) {
    this.idempotencyKeys.addAll(List.of(keys));
    return this;
  }

  /** Whether listed runs carry their input and output (default true). */
  public RunFilter includePayloads(boolean include) {
    this.includePayloads = include;
    return this;
  }

  Instant effectiveSince() {
    if (since != null) {
      return since;
    }
    return (until != null ? until : Instant.now()).minus(DEFAULT_WINDOW);
  }

  /** Query of {@code GET .../workflow-runs}. */
  Map<String, Object> listQuery(int offset, int limit) {
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("offset", offset);
    q.put("limit", limit);
    q.put("since", FeatureClient.ts(effectiveSince()));
    q.put("until", FeatureClient.ts(until));
    q.put("statuses", FeatureClient.names(statuses));
    q.put("workflow_ids", FeatureClient.nonEmpty(workflowIds));
    q.put("additional_metadata", FeatureClient.kv(metadata));
    if (metadata.size() > 1) {
      // the engine's default for several pairs is OR; ours is ALL
      q.put("additional_metadata_operator", metadataMatch == MetadataMatch.ANY ? "OR" : "AND");
    }
    q.put("worker_id", workerId);
    q.put("only_tasks", onlyTasks);
    q.put("parent_task_external_id", parentTaskRunId);
    q.put("triggering_event_external_id", triggeringEventId);
    q.put("include_payloads", includePayloads);
    q.put("running_filter", running == null ? null : running.name());
    q.put("idempotency_keys", FeatureClient.nonEmpty(idempotencyKeys));
    return q;
  }

  /** Query of {@code GET .../workflow-runs/external-ids}. */
  Map<String, Object> idsQuery() {
    rejectUnsupported("listing run ids", true);
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("since", FeatureClient.ts(effectiveSince()));
    q.put("until", FeatureClient.ts(until));
    q.put("statuses", FeatureClient.names(statuses));
    q.put("additional_metadata", FeatureClient.kv(metadata));
    q.put("workflow_ids", FeatureClient.nonEmpty(workflowIds));
    q.put("running_filter", running == null ? null : running.name());
    return q;
  }

  /** Query of {@code GET .../task-metrics}. */
  Map<String, Object> metricsQuery() {
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("since", FeatureClient.ts(effectiveSince()));
    q.put("until", FeatureClient.ts(until));
    q.put("workflow_ids", FeatureClient.nonEmpty(workflowIds));
    q.put("parent_task_external_id", parentTaskRunId);
    q.put("triggering_event_external_id", triggeringEventId);
    q.put("additional_metadata", FeatureClient.kv(metadata));
    return q;
  }

  /** The {@code filter} object of a bulk cancel/replay body. */
  ObjectNode bulkFilter(ObjectMapper mapper, String what) {
    rejectUnsupported(what, false);
    ObjectNode f = mapper.createObjectNode();
    f.put("since", FeatureClient.ts(effectiveSince()));
    if (until != null) {
      f.put("until", FeatureClient.ts(until));
    }
    if (!statuses.isEmpty()) {
      ArrayNode a = f.putArray("statuses");
      statuses.forEach(s -> a.add(s.name()));
    }
    if (!workflowIds.isEmpty()) {
      ArrayNode a = f.putArray("workflowIds");
      workflowIds.forEach(a::add);
    }
    if (!metadata.isEmpty()) {
      ArrayNode a = f.putArray("additionalMetadata");
      FeatureClient.kv(metadata).forEach(a::add);
    }
    return f;
  }

  private void rejectUnsupported(String what, boolean runningAllowed) {
    List<String> bad = new ArrayList<>();
    if (workerId != null) {
      bad.add("workerId");
    }
    if (onlyTasks) {
      bad.add("onlyTasks");
    }
    if (parentTaskRunId != null) {
      bad.add("parentTaskRunId");
    }
    if (triggeringEventId != null) {
      bad.add("triggeringEventId");
    }
    if (running != null && !runningAllowed) {
      bad.add("running");
    }
    if (!idempotencyKeys.isEmpty()) {
      bad.add("idempotencyKeys");
    }
    if (!bad.isEmpty()) {
      throw new IllegalArgumentException("the engine does not support " + String.join(", ", bad) + " when " + what);
    }
    if (metadata.size() > 1 && metadataMatch != MetadataMatch.ANY) {
      throw new IllegalArgumentException("when " + what + " the engine matches runs with any of several metadata pairs;"
          + " use one pair or metadataMatch(ANY)");
    }
  }
}
