package run.hatchet.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import run.hatchet.HatchetException;
import run.hatchet.client.RunStream;
import run.hatchet.internal.client.ClientCore;
import run.hatchet.internal.rest.RestClient;

/**
 * Runs over the REST API: read, list, cancel, replay, timings, traces and durable-task operations; and
 * the chunks a run streams, over gRPC ({@link #subscribeToStream}). Ids are workflow run ids or task run
 * ids as noted. Use {@code hatchet.runs()}.
 */
public final class RunsClient extends FeatureClient {
  /** Default page size of {@link #list(RunFilter)}. */
  public static final int DEFAULT_LIMIT = 50;

  /** SDK-internal; use {@code hatchet.runs()}. */
  public RunsClient(ClientCore core) {
    super(core);
  }

  /** A workflow run with its tasks. Throws {@link run.hatchet.HatchetApiException} 404 for an unknown id. */
  public RunDetails get(String workflowRunId) {
    return RunDetails.from(rest().get("/api/v1/stable/workflow-runs/" + seg(workflowRunId)));
  }

  /**
   * Subscribes to the chunks the tasks of a workflow run publish with {@code ctx.putStream(...)}, over
   * the engine's gRPC API. Iterate the result (once); the iteration ends when the run finishes, and
   * only chunks published after the subscription is set up are delivered: see {@link RunStream}.
   */
  public RunStream subscribeToStream(String workflowRunId) {
    return core.runStreams().subscribe(workflowRunId);
  }

  /** The status of a workflow run. */
  public RunStatus status(String workflowRunId) {
    JsonNode n = rest().get("/api/v1/stable/workflow-runs/" + seg(workflowRunId) + "/status");
    RunStatus s = RunStatus.parse(n.asText());
    if (s == null) {
      throw new HatchetException("the engine reported an unknown status for run " + workflowRunId + ": " + n);
    }
    return s;
  }

  /** One task run (its latest attempt). */
  public TaskSummary getTask(String taskRunId) {
    return TaskSummary.from(rest().get("/api/v1/stable/tasks/" + seg(taskRunId)));
  }

  /** One attempt (1-based) of a task run. */
  public TaskSummary getTask(String taskRunId, int attempt) {
    return TaskSummary.from(rest().get("/api/v1/stable/tasks/" + seg(taskRunId)
        + RestClient.query(Map.of("attempt", attempt))));
  }

  /** The first {@value #DEFAULT_LIMIT} runs matching the filter, newest first. */
  public Page<TaskSummary> list(RunFilter filter) {
    return list(filter, 0, DEFAULT_LIMIT);
  }

  /** One page of runs matching the filter, newest first. */
  public Page<TaskSummary> list(RunFilter filter, int offset, int limit) {
    checkPaging(offset, limit);
    JsonNode body = rest().get(stableTenantPath("/workflow-runs") + RestClient.query(filter.listQuery(offset, limit)));
    return Page.fromJson(body, offset, limit, TaskSummary::from);
  }

  /** Every run matching the filter, fetched page by page as the stream is consumed. */
  public Stream<TaskSummary> listAll(RunFilter filter) {
    return Page.stream(WALK_PAGE_SIZE, (offset, limit) -> list(filter, offset, limit));
  }

  /**
   * The ids of all workflow runs matching the filter (one request; supports {@code since}, {@code until},
   * {@code statuses}, {@code workflowIds}, {@code metadata} and {@code running}).
   */
  public List<String> listIds(RunFilter filter) {
    return Json.strings(rest().get(stableTenantPath("/workflow-runs/external-ids") + RestClient.query(filter.idsQuery())));
  }

  /** Cancels one run (workflow run id or task run id); returns the ids the engine cancelled. */
  public List<String> cancel(String runId) {
    return cancel(List.of(runId));
  }

  /** Cancels runs by id (workflow run ids or task run ids); returns the ids the engine cancelled. */
  public List<String> cancel(Collection<String> runIds) {
    return bulk("cancel", idsBody(runIds));
  }

  /**
   * Cancels every run matching the filter (the engine resolves up to 20 000 runs per call); returns the
   * workflow run ids it cancelled. Finished runs are unaffected.
   */
  public List<String> cancel(RunFilter filter) {
    return bulk("cancel", filterBody(filter, "cancelling"));
  }

  /** Replays one run (workflow run id or task run id); returns the ids the engine replayed. */
  public List<String> replay(String runId) {
    return replay(List.of(runId));
  }

  /** Replays runs by id; returns the ids the engine replayed. */
  public List<String> replay(Collection<String> runIds) {
    return bulk("replay", idsBody(runIds));
  }

  /**
   * Replays every run matching the filter (the engine resolves up to 1 000 runs per call); returns the
   * workflow run ids it replayed.
   */
  public List<String> replay(RunFilter filter) {
    return bulk("replay", filterBody(filter, "replaying"));
  }

  /** Restores an evicted durable task run; true when the engine requeued it. */
  public boolean restoreTask(String taskRunId) {
    return rest().post("/api/v1/stable/tasks/" + seg(taskRunId) + "/restore", null).path("requeued").asBoolean(false);
  }

  /**
   * Branches a durable task at an event-log node: it re-runs from {@code nodeId} on branch {@code branchId}
   * (see {@link #durableEventLog}).
   */
  public Branch branchDurableTask(String taskRunId, long nodeId, long branchId) {
    ObjectNode body = object();
    body.put("taskExternalId", require(taskRunId, "taskRunId"));
    body.put("nodeId", nodeId);
    body.put("branchId", branchId);
    JsonNode n = rest().post(stableTenantPath("/durable-tasks/branch"), body);
    Long node = Json.longValue(n, "nodeId");
    Long branch = Json.longValue(n, "branchId");
    return new Branch(Json.text(n, "taskExternalId"), node == null ? 0 : node, branch == null ? 0 : branch, n);
  }

  /**
   * The engine's answer to {@link #branchDurableTask}.
   *
   * @param taskRunId the durable task run
   * @param nodeId the node it branched at
   * @param branchId the new branch
   * @param raw the engine's full JSON
   */
  public record Branch(String taskRunId, long nodeId, long branchId, JsonNode raw) {}

  /** The event log of a durable task run (child runs, waits, memoised values), in node order. */
  public List<DurableEventLogEntry> durableEventLog(String taskRunId) {
    return durableEventLog(taskRunId, 0, 1000);
  }

  /** A slice of the event log of a durable task run. */
  public List<DurableEventLogEntry> durableEventLog(String taskRunId, int offset, int limit) {
    checkPaging(offset, limit);
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("offset", offset);
    q.put("limit", limit);
    return Json.list(rest().get(stableTenantPath("/durable-tasks/" + seg(taskRunId)) + RestClient.query(q)),
        DurableEventLogEntry::from);
  }

  /** The event history of a task run (up to 1000 entries), oldest first. */
  public List<TaskEvent> taskEvents(String taskRunId) {
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("offset", 0);
    q.put("limit", 1000);
    List<TaskEvent> events = new ArrayList<>(Json.list(
        rest().get("/api/v1/stable/tasks/" + seg(require(taskRunId, "taskRunId")) + "/task-events" + RestClient.query(q))
            .path("rows"),
        TaskEvent::from));
    events.sort(Comparator.comparing(TaskEvent::timestamp,
        Comparator.nullsLast(Comparator.naturalOrder())));
    return events;
  }

  /** Queue/start/finish times of the run's tasks. */
  public List<TaskTiming> timings(String workflowRunId) {
    return timings(workflowRunId, 0);
  }

  /** Queue/start/finish times of the run's tasks and of descendants down to {@code depth} levels. */
  public List<TaskTiming> timings(String workflowRunId, int depth) {
    if (depth < 0) {
      throw new IllegalArgumentException("depth must not be negative");
    }
    String q = depth > 0 ? RestClient.query(Map.of("depth", depth)) : "";
    return Json.list(rest().get("/api/v1/stable/workflow-runs/" + seg(workflowRunId) + "/task-timings" + q).path("rows"),
        TaskTiming::from);
  }

  /** One page of the OpenTelemetry spans the engine collected for a run (empty when none were exported). */
  public Page<TraceSpan> trace(String workflowRunId, int offset, int limit) {
    checkPaging(offset, limit);
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("run_external_id", require(workflowRunId, "workflowRunId"));
    q.put("offset", offset);
    q.put("limit", limit);
    return Page.fromJson(rest().get(stableTenantPath("/traces") + RestClient.query(q)), offset, limit, TraceSpan::from);
  }

  /** Every span of a run's trace. */
  public Stream<TraceSpan> traceAll(String workflowRunId) {
    return Page.stream(WALK_PAGE_SIZE * 10, (offset, limit) -> trace(workflowRunId, offset, limit));
  }

  private ObjectNode idsBody(Collection<String> ids) {
    if (ids == null || ids.isEmpty()) {
      throw new IllegalArgumentException("at least one run id is required");
    }
    ObjectNode body = object();
    ArrayNode a = body.putArray("externalIds");
    ids.forEach(id -> a.add(require(id, "run id")));
    return body;
  }

  private ObjectNode filterBody(RunFilter filter, String what) {
    ObjectNode body = object();
    body.set("filter", filter.bulkFilter(rest().mapper(), what));
    return body;
  }

  private List<String> bulk(String action, ObjectNode body) {
    return Json.strings(rest().post(stableTenantPath("/tasks/" + action), body), "ids");
  }
}
