package run.hatchet.examples.scheduled;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import run.hatchet.Hatchet;
import run.hatchet.features.BulkResult;
import run.hatchet.features.ScheduledQuery;
import run.hatchet.features.ScheduledRun;

/**
 * Scheduled runs, managed from a client: create a one-off run of any workflow (by name) at a given
 * time, read it, list, move and delete schedules, alone or in bulk. Unlike the other examples it
 * defines no workflow of its own, so it is not served by the examples worker: point it at any workflow
 * a worker serves (its test uses {@code simple}).
 */
public final class ScheduledExample {
  private final Hatchet hatchet;

  public ScheduledExample(Hatchet hatchet) {
    this.hatchet = hatchet;
  }

  /** Schedules a run of {@code workflowName} at {@code triggerAt} for customer A. */
  public ScheduledRun create(String workflowName, Instant triggerAt) {
    return hatchet.scheduled().create(workflowName, triggerAt, Map.of("data", "simple-workflow-data"),
        Map.of("customer_id", "customer-a"), null);
  }

  /** Moves one schedule to a new time. */
  public ScheduledRun reschedule(String scheduledId, Instant triggerAt) {
    return hatchet.scheduled().update(scheduledId, triggerAt);
  }

  /** Moves several schedules at once (id to new time). */
  public BulkResult bulkReschedule(Map<String, Instant> triggerAtById) {
    return hatchet.scheduled().bulkUpdate(triggerAtById);
  }

  public ScheduledRun get(String scheduledId) {
    return hatchet.scheduled().get(scheduledId);
  }

  /** The schedules of a workflow (by the engine's workflow id) for customer A. */
  public List<ScheduledRun> listForCustomerA(String workflowId) {
    return hatchet.scheduled().listAll(ScheduledQuery.create().workflowId(workflowId).metadata("customer_id", "customer-a"))
        .toList();
  }

  public void delete(String scheduledId) {
    hatchet.scheduled().delete(scheduledId);
  }

  /** Deletes schedules by id. */
  public BulkResult bulkDelete(List<String> scheduledIds) {
    return hatchet.scheduled().bulkDelete(scheduledIds);
  }

  /** Deletes every schedule of a workflow (by the engine's workflow id) for customer A. */
  public BulkResult bulkDeleteForCustomerA(String workflowId) {
    return hatchet.scheduled().bulkDelete(ScheduledQuery.create().workflowId(workflowId).metadata("customer_id", "customer-a"));
  }
}
