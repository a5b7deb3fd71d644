package run.hatchet.features;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import run.hatchet.internal.client.ClientCore;
import run.hatchet.internal.rest.RestClient;

/** Runs scheduled for a point in time: create, read, list, reschedule, delete, trigger now. Use {@code hatchet.scheduled()}. */
public final class ScheduledClient extends FeatureClient {

  /** SDK-internal; use {@code hatchet.scheduled()}. */
  public ScheduledClient(ClientCore core) {
    super(core);
  }

  /** Schedules one run of a registered workflow (name without namespace) at {@code triggerAt}. */
  public ScheduledRun create(String workflowName, Instant triggerAt, Object input) {
    return create(workflowName, triggerAt, input, null, null);
  }

  /**
   * Schedules one run.
   *
   * @param workflowName the workflow's name (namespace applied)
   * @param triggerAt when to run
   * @param input the run's input (serialised with the client's serializer; null for {})
   * @param metadata additional metadata, or null
   * @param priority priority 1..3, or null
   */
  public ScheduledRun create(String workflowName, Instant triggerAt, Object input, Map<String, ?> metadata,
      Integer priority) {
    ObjectNode body = object();
    body.put("triggerAt", ts(Objects.requireNonNull(triggerAt, "triggerAt")));
    body.set("input", toNode(input));
    body.set("additionalMetadata", toNode(metadata));
    if (priority != null) {
      body.put("priority", priority);
    }
    return ScheduledRun.from(rest().post(
        tenantPath("/workflows/" + seg(ns(require(workflowName, "workflowName"))) + "/scheduled"), body));
  }

  /** A scheduled run by id. */
  public ScheduledRun get(String scheduledId) {
    return ScheduledRun.from(rest().get(path(scheduledId)));
  }

  /** One page of scheduled runs. */
  public Page<ScheduledRun> list(ScheduledQuery query, int offset, int limit) {
    checkPaging(offset, limit);
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("offset", offset);
    q.put("limit", limit);
    q.put("orderByField", query.orderBy == null ? null : query.orderBy.wire);
    q.put("orderByDirection", query.direction == null ? null : query.direction.name());
    q.put("workflowId", query.workflowId);
    q.put("parentWorkflowRunId", query.parentWorkflowRunId);
    q.put("parentStepRunId", query.parentTaskRunId);
    q.put("additionalMetadata", kv(query.metadata));
    q.put("statuses", names(query.statuses));
    return Page.fromJson(rest().get(tenantPath("/workflows/scheduled") + RestClient.query(q)), offset, limit,
        ScheduledRun::from);
  }

  /** Every scheduled run matching the query. */
  public Stream<ScheduledRun> listAll(ScheduledQuery query) {
    return Page.stream(WALK_PAGE_SIZE, (offset, limit) -> list(query, offset, limit));
  }

  /** Moves a scheduled run to a new time. */
  public ScheduledRun update(String scheduledId, Instant triggerAt) {
    ObjectNode body = object();
    body.put("triggerAt", ts(Objects.requireNonNull(triggerAt, "triggerAt")));
    return ScheduledRun.from(rest().patch(path(scheduledId), body));
  }

  /** Moves many scheduled runs (id to new time). */
  public BulkResult bulkUpdate(Map<String, Instant> triggerAtById) {
    if (triggerAtById == null || triggerAtById.isEmpty()) {
      throw new IllegalArgumentException("at least one scheduled run is required");
    }
    ObjectNode body = object();
    ArrayNode updates = body.putArray("updates");
    triggerAtById.forEach((id, at) -> updates.addObject()
        .put("id", require(id, "scheduled run id"))
        .put("triggerAt", ts(Objects.requireNonNull(at, "triggerAt"))));
    return BulkResult.from(rest().post(tenantPath("/workflows/scheduled/bulk-update"), body), "updatedIds");
  }

  /** Deletes a scheduled run (it will not fire). */
  public void delete(String scheduledId) {
    rest().delete(path(scheduledId));
  }

  /** Deletes scheduled runs by id. */
  public BulkResult bulkDelete(Collection<String> scheduledIds) {
    if (scheduledIds == null || scheduledIds.isEmpty()) {
      throw new IllegalArgumentException("at least one scheduled run id is required");
    }
    ObjectNode body = object();
    ArrayNode ids = body.putArray("scheduledWorkflowRunIds");
    scheduledIds.forEach(id -> ids.add(require(id, "scheduled run id")));
    return BulkResult.from(rest().post(tenantPath("/workflows/scheduled/bulk-delete"), body), "deletedIds");
  }

  /** Deletes every scheduled run matching the workflow, parent and metadata filters of the query. */
  public BulkResult bulkDelete(ScheduledQuery filter) {
    if (!filter.statuses.isEmpty() || filter.orderBy != null) {
      throw new IllegalArgumentException("bulk delete filters by workflow, parents and metadata only");
    }
    ObjectNode f = object();
    if (filter.workflowId != null) {
      f.put("workflowId", filter.workflowId);
    }
    if (filter.parentWorkflowRunId != null) {
      f.put("parentWorkflowRunId", filter.parentWorkflowRunId);
    }
    if (filter.parentTaskRunId != null) {
      f.put("parentStepRunId", filter.parentTaskRunId);
    }
    if (!filter.metadata.isEmpty()) {
      ArrayNode a = f.putArray("additionalMetadata");
      kv(filter.metadata).forEach(a::add);
    }
    if (f.isEmpty()) {
      throw new IllegalArgumentException("a bulk delete filter needs at least one condition");
    }
    ObjectNode body = object();
    body.set("filter", f);
    return BulkResult.from(rest().post(tenantPath("/workflows/scheduled/bulk-delete"), body), "deletedIds");
  }

  /** Runs a scheduled run's workflow now; returns the new run's id. */
  public String triggerNow(String scheduledId) {
    return engineId(rest().post(path(scheduledId), null), "externalId", "scheduled trigger-now");
  }

  private String path(String scheduledId) {
    return tenantPath("/workflows/scheduled/" + seg(scheduledId));
  }
}
