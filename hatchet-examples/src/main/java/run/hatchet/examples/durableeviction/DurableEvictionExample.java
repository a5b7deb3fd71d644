package run.hatchet.examples.durableeviction;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import run.hatchet.Hatchet;
import run.hatchet.client.RunOptions;
import run.hatchet.definition.Definition;
import run.hatchet.definition.EvictionPolicy;
import run.hatchet.definition.Task;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.Example;
import run.hatchet.worker.DurableChild;
import run.hatchet.worker.DurableContext;

/**
 * Durable slot eviction. A durable task that is only waiting (a durable sleep, an event, a child run)
 * gives its durable slot back under its {@link EvictionPolicy}: after waiting {@link #EVICTION_TTL},
 * when its worker's durable slots are all taken, and when its worker shuts down. The engine keeps the run
 * and hands it to a worker again when the wait is over or the run is restored; the task then replays
 * its recorded steps and carries on.
 *
 * <p>{@code evictable_sleep}, {@code evictable_wait_for_event}, {@code evictable_child_spawn},
 * {@code evictable_child_bulk_spawn} and {@code multiple_eviction} are evicted after five seconds of
 * waiting; {@code capacity_evictable_sleep} only under slot pressure (serve it from a worker with one
 * durable slot, as upstream's capacity worker does); {@code non_evictable_sleep} never;
 * {@code concurrent_branches} after a minute, so a replay finds its interleaved children in order.
 */
public final class DurableEvictionExample implements Example {

  public static final Duration EVICTION_TTL = Duration.ofSeconds(5);
  public static final Duration LONG_SLEEP = Duration.ofSeconds(15);
  public static final Duration CAPACITY_SLEEP = Duration.ofSeconds(20);
  public static final Duration NON_EVICTABLE_SLEEP = Duration.ofSeconds(30);
  public static final String EVENT_KEY = "durable-eviction:event";

  /** Evict after five seconds of waiting, or earlier under slot pressure. */
  public static final EvictionPolicy EVICTION_POLICY = EvictionPolicy.afterWaiting(EVICTION_TTL).capacityEviction(true).priority(0);
  /** No TTL: evicted only when the worker's durable slots are all taken. */
  public static final EvictionPolicy CAPACITY_EVICTION_POLICY = EvictionPolicy.never().capacityEviction(true).priority(0);
  /** Never evicted while the worker runs. */
  public static final EvictionPolicy NON_EVICTABLE_POLICY = EvictionPolicy.never().capacityEviction(false).priority(0);

  /** Output of the evictable tasks: {@code {"status": "completed"}}. */
  public record Status(String status) {}

  /** Output of {@code child_task}. */
  public record ChildStatus(@JsonProperty("child_status") String childStatus) {}

  /** Output of {@code evictable_child_spawn}. */
  public record ChildSpawnResult(ChildStatus child, String status) {}

  /** Input of {@code bulk_child_task}: how long to sleep ({@code "PT10S"}). */
  public record BulkChildTaskInput(@JsonProperty("sleep_for") @JsonFormat(shape = JsonFormat.Shape.STRING) Duration sleepFor) {}

  /** Output of {@code bulk_child_task}: the seconds it slept. */
  public record BulkChildTaskOutput(@JsonProperty("sleep_for") long sleepFor, String status) {}

  /** Output of {@code evictable_child_bulk_spawn}, in spawn order. */
  public record BulkSpawnResult(@JsonProperty("child_results") List<BulkChildTaskOutput> childResults) {}

  /** Input of {@code branch_child}: seconds to sleep and the label to return. */
  public record BranchChildInput(double delay, String label) {}

  /** Output of {@code branch_child}. */
  public record BranchChildOutput(String label) {}

  /** Output of {@code concurrent_branches}: each branch's two children by position. */
  public record ConcurrentBranchesResult(Map<String, BranchChildOutput> a, Map<String, BranchChildOutput> b, String status) {}

  public final Task<EmptyModel, ChildStatus> childTask;
  public final Task<EmptyModel, Status> evictableSleep;
  public final Task<EmptyModel, Status> evictableWaitForEvent;
  public final Task<EmptyModel, ChildSpawnResult> evictableChildSpawn;
  public final Task<BulkChildTaskInput, BulkChildTaskOutput> bulkChildTask;
  public final Task<EmptyModel, BulkSpawnResult> evictableChildBulkSpawn;
  public final Task<EmptyModel, Status> multipleEviction;
  public final Task<EmptyModel, Status> capacityEvictableSleep;
  public final Task<BranchChildInput, BranchChildOutput> branchChild;
  public final Task<EmptyModel, ConcurrentBranchesResult> concurrentBranches;
  public final Task<EmptyModel, Status> nonEvictableSleep;

  public DurableEvictionExample(Hatchet hatchet) {
    childTask = hatchet.task("child_task", EmptyModel.class, ChildStatus.class, (input, ctx) -> {
      Thread.sleep(LONG_SLEEP.toMillis()); // long enough for the parent's TTL to pass
      return new ChildStatus("completed");
    });

    evictableSleep = hatchet.durableTask("evictable_sleep", EmptyModel.class, Status.class, (input, ctx) -> {
      ctx.sleepFor(LONG_SLEEP);
      return new Status("completed");
    }, o -> o.executionTimeout(Duration.ofMinutes(5)).eviction(EVICTION_POLICY));

    evictableWaitForEvent = hatchet.durableTask("evictable_wait_for_event", EmptyModel.class, Status.class, (input, ctx) -> {
      ctx.waitForEvent(EVENT_KEY, "true", JsonNode.class);
      return new Status("completed");
    }, o -> o.executionTimeout(Duration.ofMinutes(5)).eviction(EVICTION_POLICY));

    evictableChildSpawn = hatchet.durableTask("evictable_child_spawn", EmptyModel.class, ChildSpawnResult.class,
        (input, ctx) -> new ChildSpawnResult(ctx.runChild(childTask, new EmptyModel()), "completed"),
        o -> o.executionTimeout(Duration.ofMinutes(5)).eviction(EVICTION_POLICY));

    bulkChildTask = hatchet.task("bulk_child_task", BulkChildTaskInput.class, BulkChildTaskOutput.class, (input, ctx) -> {
      Thread.sleep(input.sleepFor().toMillis());
      return new BulkChildTaskOutput(input.sleepFor().toSeconds(), "completed");
    });

    evictableChildBulkSpawn = hatchet.durableTask("evictable_child_bulk_spawn", EmptyModel.class, BulkSpawnResult.class,
        (input, ctx) -> {
          // three children finishing 10, 20 and 30 seconds in: the parent waits (and is evicted) in between
          List<DurableChild<BulkChildTaskOutput>> children = new ArrayList<>();
          for (int i = 0; i < 3; i++) {
            Duration sleepFor = EVICTION_TTL.plusSeconds(5).multipliedBy(i + 1);
            children.add(ctx.spawnChild(bulkChildTask, new BulkChildTaskInput(sleepFor), RunOptions.create().childKey("child" + i)));
          }
          List<BulkChildTaskOutput> results = new ArrayList<>();
          for (DurableChild<BulkChildTaskOutput> c : children) {
            results.add(c.result());
          }
          return new BulkSpawnResult(results);
        }, o -> o.executionTimeout(Duration.ofMinutes(5)).eviction(EVICTION_POLICY));

    multipleEviction = hatchet.durableTask("multiple_eviction", EmptyModel.class, Status.class, (input, ctx) -> {
      ctx.sleepFor(LONG_SLEEP);
      ctx.sleepFor(LONG_SLEEP);
      return new Status("completed");
    }, o -> o.executionTimeout(Duration.ofMinutes(5)).eviction(EVICTION_POLICY));

    capacityEvictableSleep = hatchet.durableTask("capacity_evictable_sleep", EmptyModel.class, Status.class, (input, ctx) -> {
      ctx.sleepFor(CAPACITY_SLEEP);
      return new Status("completed");
    }, o -> o.executionTimeout(Duration.ofMinutes(5)).eviction(CAPACITY_EVICTION_POLICY));

    branchChild = hatchet.task("branch_child", BranchChildInput.class, BranchChildOutput.class, (input, ctx) -> {
      Thread.sleep((long) (input.delay() * 1000));
      return new BranchChildOutput(input.label());
    });

    concurrentBranches = hatchet.durableTask("concurrent_branches", EmptyModel.class, ConcurrentBranchesResult.class,
        (input, ctx) -> {
          // two branches of two children each, in flight together: both first children are spawned
          // before either is awaited, so the recorded order is the same on every replay
          DurableChild<BranchChildOutput> aFirst = ctx.spawnChild(branchChild, new BranchChildInput(4, "a-first"), RunOptions.create());
          DurableChild<BranchChildOutput> bFirst = ctx.spawnChild(branchChild, new BranchChildInput(1, "b-first"), RunOptions.create());
          Map<String, BranchChildOutput> a = secondAfterFirst(ctx, "a", aFirst);
          Map<String, BranchChildOutput> b = secondAfterFirst(ctx, "b", bFirst);
          ctx.sleepFor(LONG_SLEEP);
          return new ConcurrentBranchesResult(a, b, "completed");
        }, o -> o.eviction(EvictionPolicy.afterWaiting(Duration.ofSeconds(60)).capacityEviction(false)));

    nonEvictableSleep = hatchet.durableTask("non_evictable_sleep", EmptyModel.class, Status.class, (input, ctx) -> {
      ctx.sleepFor(NON_EVICTABLE_SLEEP);
      return new Status("completed");
    }, o -> o.executionTimeout(Duration.ofMinutes(5)).eviction(NON_EVICTABLE_POLICY));
  }

  private Map<String, BranchChildOutput> secondAfterFirst(DurableContext ctx, String name, DurableChild<BranchChildOutput> first) {
    BranchChildOutput firstOut = first.result();
    BranchChildOutput secondOut = ctx.runChild(branchChild, new BranchChildInput(0.1, name + "-second"));
    return Map.of("first", firstOut, "second", secondOut);
  }

  @Override
  public String name() {
    return "durable_eviction";
  }

  /** What upstream's eviction worker serves: everything but {@code capacity_evictable_sleep}. */
  @Override
  public List<Definition<?, ?>> definitions() {
    return List.of(evictableSleep, evictableWaitForEvent, evictableChildSpawn, evictableChildBulkSpawn, multipleEviction,
        nonEvictableSleep, childTask, bulkChildTask, concurrentBranches, branchChild);
  }
}
