package run.hatchet.features;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import run.hatchet.internal.client.ClientCore;
import run.hatchet.internal.rest.RestClient;

/** Registered workflows: read, list, delete, pause and unpause. Use {@code hatchet.workflows()}. */
public final class WorkflowsClient extends FeatureClient {
  /** Default queue TTL of {@link #pause(String)}. */
  public static final Duration DEFAULT_PAUSE_QUEUE_TTL = Duration.ofHours(24);

  /** What happens to cron or scheduled runs that fire while the workflow is paused. */
  public enum PausedRunBehavior {
    /** They are created and wait in the queue until the workflow is unpaused. */
    QUEUE,
    /** They are dropped. */
    DROP
  }

  /** SDK-internal; use {@code hatchet.workflows()}. */
  public WorkflowsClient(ClientCore core) {
    super(core);
  }

  /** A workflow by id. */
  public WorkflowInfo get(String workflowId) {
    return WorkflowInfo.from(rest().get("/api/v1/workflows/" + seg(workflowId)));
  }

  /** One page of workflows whose name contains {@code name} (namespace applied; null for all). */
  public Page<WorkflowInfo> list(String name, int offset, int limit) {
    checkPaging(offset, limit);
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("offset", offset);
    q.put("limit", limit);
    q.put("name", name == null ? null : ns(name));
    return Page.fromJson(rest().get(tenantPath("/workflows") + RestClient.query(q)), offset, limit, WorkflowInfo::from);
  }

  /** Every workflow whose name contains {@code name} (namespace applied; null for all). */
  public Stream<WorkflowInfo> listAll(String name) {
    return Page.stream(WALK_PAGE_SIZE, (offset, limit) -> list(name, offset, limit));
  }

  /** The workflow named exactly {@code name} (namespace applied), if registered. */
  public Optional<WorkflowInfo> findByName(String name) {
    String full = ns(require(name, "name"));
    return listAll(name).filter(w -> full.equals(w.name())).findFirst();
  }

  /** Deletes a workflow and its versions. */
  public void delete(String workflowId) {
    rest().delete("/api/v1/workflows/" + seg(workflowId));
  }

  /**
   * Pauses a workflow: new runs are accepted but stay queued until {@link #unpause}; runs queued longer
   * than 24 hours are dropped; crons and schedules keep queueing runs.
   */
  public WorkflowInfo pause(String workflowId) {
    return pause(workflowId, DEFAULT_PAUSE_QUEUE_TTL, PausedRunBehavior.QUEUE, PausedRunBehavior.QUEUE);
  }

  /**
   * Pauses a workflow.
   *
   * @param queueTtl runs queued longer than this while paused are dropped (whole seconds, at least 1 s)
   * @param crons what happens to cron runs firing while paused
   * @param scheduled what happens to scheduled runs firing while paused
   */
  public WorkflowInfo pause(String workflowId, Duration queueTtl, PausedRunBehavior crons, PausedRunBehavior scheduled) {
    ObjectNode pause = object();
    pause.put("action", "pause");
    pause.put("pausedWorkflowCronRunQueueBehavior", Objects.requireNonNull(crons, "crons").name());
    pause.put("pausedWorkflowScheduledRunQueueBehavior", Objects.requireNonNull(scheduled, "scheduled").name());
    pause.put("pausedWorkflowQueueTTL", durationExpr(queueTtl));
    ObjectNode body = object();
    body.set("pause", pause);
    return WorkflowInfo.from(rest().patch("/api/v1/workflows/" + seg(workflowId), body));
  }

  /** Unpauses a workflow: its queued runs are released to workers. */
  public WorkflowInfo unpause(String workflowId) {
    ObjectNode pause = object();
    pause.put("action", "unpause");
    ObjectNode body = object();
    body.set("pause", pause);
    return WorkflowInfo.from(rest().patch("/api/v1/workflows/" + seg(workflowId), body));
  }

  /** The engine's duration text: whole hours, minutes or seconds ({@code 24h}, {@code 90m}, {@code 45s}). */
  static String durationExpr(Duration d) {
    Objects.requireNonNull(d, "duration");
    long s = d.getSeconds();
    if (s < 1) {
      throw new IllegalArgumentException("duration must be at least 1 second (was " + d + ")");
    }
    if (s % 3600 == 0) {
      return (s / 3600) + "h";
    }
    if (s % 60 == 0) {
      return (s / 60) + "m";
    }
    return s + "s";
  }
}
