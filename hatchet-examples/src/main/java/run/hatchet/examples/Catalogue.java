package run.hatchet.examples;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import run.hatchet.Hatchet;
import run.hatchet.examples.affinityworkers.AffinityWorkersExample;
import run.hatchet.examples.bulkfanout.BulkFanoutExample;
import run.hatchet.examples.bulkoperations.BulkOperationsExample;
import run.hatchet.examples.cancellation.CancellationExample;
import run.hatchet.examples.child.ChildExample;
import run.hatchet.examples.concurrencycancelinprogress.ConcurrencyCancelInProgressExample;
import run.hatchet.examples.concurrencycancelnewest.ConcurrencyCancelNewestExample;
import run.hatchet.examples.concurrencylimitrr.ConcurrencyLimitRrExample;
import run.hatchet.examples.concurrencymultiplekeys.ConcurrencyMultipleKeysExample;
import run.hatchet.examples.concurrencyworkflowlevel.ConcurrencyWorkflowLevelExample;
import run.hatchet.examples.conditions.ConditionsExample;
import run.hatchet.examples.cron.CronExample;
import run.hatchet.examples.dag.DagExample;
import run.hatchet.examples.dependencyinjection.DependencyInjectionExample;
import run.hatchet.examples.durable.DurableExample;
import run.hatchet.examples.durableeviction.DurableEvictionExample;
import run.hatchet.examples.durableevent.DurableEventExample;
import run.hatchet.examples.durablesleep.DurableSleepExample;
import run.hatchet.examples.events.EventsExample;
import run.hatchet.examples.fanout.FanoutExample;
import run.hatchet.examples.idempotency.IdempotencyExample;
import run.hatchet.examples.lifespans.LifespansExample;
import run.hatchet.examples.logger.LoggerExample;
import run.hatchet.examples.manualslotrelease.ManualSlotReleaseExample;
import run.hatchet.examples.nonretryable.NonRetryableExample;
import run.hatchet.examples.onfailure.OnFailureExample;
import run.hatchet.examples.onsuccess.OnSuccessExample;
import run.hatchet.examples.priority.PriorityExample;
import run.hatchet.examples.ratelimit.RateLimitExample;
import run.hatchet.examples.retries.RetriesExample;
import run.hatchet.examples.returnexceptions.ReturnExceptionsExample;
import run.hatchet.examples.rundetails.RunDetailsExample;
import run.hatchet.examples.runtimeaffinity.RuntimeAffinityExample;
import run.hatchet.examples.simple.SimpleExample;
import run.hatchet.examples.slotcost.SlotCostExample;
import run.hatchet.examples.stickyworkers.StickyWorkersExample;
import run.hatchet.examples.streaming.StreamingExample;
import run.hatchet.examples.timeout.TimeoutExample;
import run.hatchet.examples.workflowpause.WorkflowPauseExample;

/** Every example, by the name of the upstream example directory it mirrors. */
public final class Catalogue {
  private static final Map<String, Function<Hatchet, Example>> EXAMPLES = new LinkedHashMap<>();

  static {
    add("simple", SimpleExample::new);
    add("dag", DagExample::new);
    add("child", ChildExample::new);
    add("fanout", FanoutExample::new);
    add("bulk_fanout", BulkFanoutExample::new);
    add("events", EventsExample::new);
    add("retries", RetriesExample::new);
    add("non_retryable", NonRetryableExample::new);
    add("on_failure", OnFailureExample::new);
    add("on_success", OnSuccessExample::new);
    add("timeout", TimeoutExample::new);
    add("cancellation", CancellationExample::new);
    add("concurrency_limit_rr", ConcurrencyLimitRrExample::new);
    add("concurrency_cancel_in_progress", ConcurrencyCancelInProgressExample::new);
    add("concurrency_cancel_newest", ConcurrencyCancelNewestExample::new);
    add("concurrency_multiple_keys", ConcurrencyMultipleKeysExample::new);
    add("concurrency_workflow_level", ConcurrencyWorkflowLevelExample::new);
    add("rate_limit", RateLimitExample::new);
    add("conditions", ConditionsExample::new);
    add("logger", LoggerExample::new);
    add("run_details", RunDetailsExample::new);
    add("return_exceptions", ReturnExceptionsExample::new);
    add("idempotency", IdempotencyExample::new);
    add("priority", PriorityExample::new);
    add("affinity_workers", AffinityWorkersExample::new);
    add("runtime_affinity", RuntimeAffinityExample::new);
    add("sticky_workers", StickyWorkersExample::new);
    add("slot_cost", SlotCostExample::new);
    add("manual_slot_release", ManualSlotReleaseExample::new);
    add("cron", CronExample::new);
    add("lifespans", LifespansExample::new);
    add("dependency_injection", DependencyInjectionExample::new);
    add("durable_sleep", DurableSleepExample::new);
    add("durable_event", DurableEventExample::new);
    add("durable", DurableExample::new);
    add("durable_eviction", DurableEvictionExample::new);
    add("workflow_pause", WorkflowPauseExample::new);
    add("bulk_operations", BulkOperationsExample::new);
    add("streaming", StreamingExample::new);
  }

  private Catalogue() {}

  private static void add(String name, Function<Hatchet, Example> factory) {
    EXAMPLES.put(name, factory);
  }

  /** The names of all examples, in catalogue order. */
  public static List<String> names() {
    return List.copyOf(EXAMPLES.keySet());
  }

  /** Defines the named examples (all of them when {@code names} is empty) on this client. */
  public static List<Example> create(Hatchet hatchet, Collection<String> names) {
    List<Example> out = new ArrayList<>();
    for (String n : names.isEmpty() ? EXAMPLES.keySet() : names) {
      Function<Hatchet, Example> f = EXAMPLES.get(n);
      if (f == null) {
        throw new IllegalArgumentException("no example named '" + n + "'; examples: " + String.join(", ", EXAMPLES.keySet()));
      }
      out.add(f.apply(hatchet));
    }
    return out;
  }
}
