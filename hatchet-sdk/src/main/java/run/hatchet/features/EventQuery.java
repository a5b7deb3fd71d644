package run.hatchet.features;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Which events to list (for {@code hatchet.events().list}): keys (namespace applied), time window (the
 * engine's default is the last 24 hours), triggered workflows and their run states, ids, metadata, scopes.
 * Mutable builder.
 */
public final class EventQuery {
  private final List<String> keys = new ArrayList<>();
  private Instant since;
  private Instant until;
  private final List<String> workflowIds = new ArrayList<>();
  private final List<RunStatus> runStatuses = new ArrayList<>();
  private final List<String> eventIds = new ArrayList<>();
  private final Map<String, String> metadata = new LinkedHashMap<>();
  private final List<String> scopes = new ArrayList<>();

  private EventQuery() {}

  /** Events of the last 24 hours. */
  public static EventQuery create() {
    return new EventQuery();
  }

  /** Only events with these keys (namespace applied). */
  public EventQuery keys(String... keys) {
    this.keys.addAll(List.of(keys));
    return this;
  }

  /** Events seen at or after {@code since}. */
  public EventQuery since(Instant since) {
    this.since = since;
    return this;
  }

  /** Events seen at or before {@code until}. */
  public EventQuery until(Instant until) {
    this.until = until;
    return this;
  }

  /** Only events that triggered these workflows (ids). */
  public EventQuery workflowIds(String... ids) {
    this.workflowIds.addAll(List.of(ids));
    return this;
  }

  /** Only events whose triggered runs are in these states. */
  public EventQuery runStatuses(RunStatus... statuses) {
    this.runStatuses.addAll(List.of(statuses));
    return this;
  }

  /** Only these events. */
  public EventQuery eventIds(String... ids) {
    this.eventIds.addAll(List.of(ids));
    return this;
  }

  /** Only events whose metadata has {@code key} = {@code value}. */
  public EventQuery metadata(String key, String value) {
    metadata.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /** Only events with these scopes. */
  public EventQuery scopes(String... scopes) {
    this.scopes.addAll(List.of(scopes));
    return this;
  }

  /**
   * The REST query parameters of one page (SDK-internal).
   *
   * @param namespace applies the client namespace to event keys
   */
  public Map<String, Object> toQuery(UnaryOperator<String> namespace, int offset, int limit) {
    FeatureClient.checkPaging(offset, limit);
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("offset", offset);
    q.put("limit", limit);
    List<String> nsKeys = new ArrayList<>();
    keys.forEach(k -> nsKeys.add(namespace.apply(k)));
    q.put("keys", FeatureClient.nonEmpty(nsKeys));
    q.put("since", FeatureClient.ts(since));
    q.put("until", FeatureClient.ts(until));
    q.put("workflowIds", FeatureClient.nonEmpty(workflowIds));
    q.put("workflowRunStatuses", FeatureClient.names(runStatuses));
    q.put("eventIds", FeatureClient.nonEmpty(eventIds));
    q.put("additionalMetadata", FeatureClient.kv(metadata));
    q.put("scopes", FeatureClient.nonEmpty(scopes));
    return q;
  }
}
