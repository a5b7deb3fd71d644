package run.hatchet.examples.durable;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import run.hatchet.Hatchet;
import run.hatchet.client.RunOptions;
import run.hatchet.client.WorkflowResult;
import run.hatchet.definition.Condition;
import run.hatchet.definition.Definition;
import run.hatchet.definition.EvictionPolicy;
import run.hatchet.definition.Task;
import run.hatchet.definition.TaskRef;
import run.hatchet.definition.Workflow;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.Example;
import run.hatchet.worker.NonDeterminismException;
import run.hatchet.worker.TaskCancelledException;

/**
 * Durable tasks: their sleeps, event waits, child runs and memoised values are recorded by the engine,
 * so a task that runs again (after a crash, an eviction, a replay or a reset to an earlier step) gets the
 * recorded results back at once instead of redoing them.
 *
 * <ul>
 *   <li>{@code DurableWorkflow}: {@code durable_task} sleeps then waits for {@link #EVENT_KEY};
 *       {@code wait_for_or_group_1} and {@code wait_for_or_group_2} wait for a sleep or the event,
 *       whichever comes first; {@code wait_for_multi_sleep} sleeps three times; {@code ephemeral_task}
 *       is a regular task beside them. {@code EphemeralWorkflow} holds one regular task.</li>
 *   <li>children: {@code durable_with_spawn}, {@code durable_with_bulk_spawn} (of
 *       {@code spawn_child_task}), {@code durable_spawn_dag} and {@code durable_spawn_many_dags} (of the
 *       DAG {@code dag-child-workflow}), {@code durable_child_key_dedup_replay} (child keys: the same key
 *       is one child), {@code error_raising_durable_parent} (a failing child raises in the parent).</li>
 *   <li>replays: {@code wait_for_sleep_twice}, {@code durable_sleep_event_spawn}, {@code memo_task},
 *       {@code memo_now_caching}, {@code durable_non_determinism} (a different first step on replay is
 *       detected) and {@code durable_replay_reset} (three sleeps to reset from any of them).</li>
 *   <li>event lookback: {@code wait_for_event_lookback}, {@code wait_for_or_event_lookback} and
 *       {@code wait_for_two_events_second_pushed_first} also accept events pushed, with their scope, up
 *       to a minute before the wait began.</li>
 * </ul>
 *
 * <p>Timings in outputs are wall-clock seconds of the invocation that returned (a replay reports how
 * long the replay took).
 */
public final class DurableExample implements Example {

  /** The event key of {@code durable_task}, the or-groups and {@code durable_sleep_event_spawn}. */
  public static final String EVENT_KEY = "durable-example:event";
  /** The sleep of most tasks here. */
  public static final Duration SLEEP_TIME = Duration.ofSeconds(5);
  /** Each of the three sleeps of {@code durable_replay_reset}. */
  public static final Duration REPLAY_RESET_SLEEP_TIME = Duration.ofSeconds(3);
  /** How far back the lookback waits look for events. */
  public static final Duration LOOKBACK = Duration.ofMinutes(1);
  /** The match action of durable waits: the key their results are reported under. */
  public static final String WAIT_ACTION = "CREATE";

  /** Input of {@code dag-child-workflow}; absent sleeps default to 1 and 5 seconds. */
  public record DagChildWorkflowInput(
      @JsonProperty("child_index") Integer childIndex,
      @JsonProperty("sleep_1_duration") Integer sleep1Duration,
      @JsonProperty("sleep_2_duration") Integer sleep2Duration) {
    public DagChildWorkflowInput {
      childIndex = childIndex == null ? 0 : childIndex;
      sleep1Duration = sleep1Duration == null ? 1 : sleep1Duration;
      sleep2Duration = sleep2Duration == null ? 5 : sleep2Duration;
    }
  }

  /** Output of both tasks of {@code dag-child-workflow}: {@code {"result": "child1", "child_index": 0}}. */
  public record DagChildOutput(String result, @JsonProperty("child_index") int childIndex) {}

  /** A durable sleep as reported in outputs: {@code {"duration": "PT1S"}} (ISO-8601). */
  public record SleepResult(String duration) {}

  /** Output of {@code durable_spawn_dag}: timings in seconds and the DAG's outputs by task name. */
  public record SpawnDagResult(
      @JsonProperty("sleep_duration") double sleepDuration,
      @JsonProperty("sleep_result") SleepResult sleepResult,
      @JsonProperty("spawn_duration") double spawnDuration,
      @JsonProperty("spawn_result") Map<String, JsonNode> spawnResult) {}

  /** One DAG child's summary in {@code durable_spawn_many_dags}. */
  public record DurableSpawnManyDagsResultSingleton(
      @JsonProperty("has_both_child_outputs") boolean hasBothChildOutputs,
      @JsonProperty("child_index") int childIndex) {}

  /** Output of {@code durable_spawn_many_dags}. */
  public record DurableSpawnManyDagsResult(List<DurableSpawnManyDagsResultSingleton> results) {}

  /** The event {@code durable_task} waits for: {@code {"id": "..."}}. */
  public record AwaitedEvent(String id) {}

  /** Output of {@code durable_task}. */
  public record DurableTaskResult(
      String status,
      @JsonProperty("event_id") String eventId,
      @JsonProperty("sleep_duration_seconds") long sleepDurationSeconds) {}

  /**
   * Output of the or-group waits: {@code key} is the match action the result came under, {@code event_id}
   * the key of the condition that was satisfied (it names a sleep or the event).
   */
  public record OrGroupResult(double runtime, String key, @JsonProperty("event_id") String eventId) {}

  /** Output of the sleeping tasks: wall-clock seconds ({@code -1} when cancelled). */
  public record RuntimeResult(double runtime) {}

  /** Output of {@code memo_now_caching}: the replay-stable start time, ISO-8601. */
  public record NowResult(@JsonProperty("start_time") String startTime) {}

  /** Input of {@code spawn_child_task} and {@code durable_with_bulk_spawn}; {@code n} defaults to 1. */
  public record DurableBulkSpawnInput(Integer n) {
    public DurableBulkSpawnInput {
      n = n == null ? 1 : n;
    }
  }

  /** Output of {@code spawn_child_task}: {@code {"message": "hello from child 1"}}. */
  public record ChildMessage(String message) {}

  /** Output of {@code durable_with_spawn}. */
  public record SpawnResult(@JsonProperty("child_output") ChildMessage childOutput) {}

  /** Output of {@code durable_with_bulk_spawn}, in input order. */
  public record BulkSpawnResult(@JsonProperty("child_outputs") List<ChildMessage> childOutputs) {}

  /** Output of {@code durable_sleep_event_spawn}. */
  public record SleepEventSpawnResult(double runtime, @JsonProperty("child_output") ChildMessage childOutput) {}

  /** Input of the lookback waits (each reads the fields it needs). */
  public record EventLookbackInput(String scope, @JsonProperty("user_id") Integer userId) {}

  /** The payload of the events the lookback waits take: {@code {"order": "first"}}. */
  public record LookbackEventPayload(String order) {}

  /** Output of {@code wait_for_or_event_lookback}. */
  public record EventLookbackResult(double elapsed) {}

  /** Output of {@code wait_for_event_lookback}. */
  public record EventLookbackResultWithEvent(double elapsed, LookbackEventPayload event) {}

  /** Output of {@code wait_for_two_events_second_pushed_first}. */
  public record TwoEventsResult(LookbackEventPayload event1, LookbackEventPayload event2, double elapsed) {}

  /** Output of {@code durable_non_determinism}. */
  public record NonDeterminismOutput(
      @JsonProperty("attempt_number") int attemptNumber,
      @JsonProperty("sleep_time") int sleepTime,
      @JsonProperty("non_determinism_detected") boolean nonDeterminismDetected,
      @JsonProperty("node_id") Long nodeId) {}

  /** Output of {@code durable_replay_reset}: how long each sleep took in this invocation, in seconds. */
  public record ReplayResetResponse(
      @JsonProperty("sleep_1_duration") double sleep1Duration,
      @JsonProperty("sleep_2_duration") double sleep2Duration,
      @JsonProperty("sleep_3_duration") double sleep3Duration) {}

  /** Output of {@code durable_child_key_dedup_replay}. */
  public record ChildKeyDedupResult(
      double runtime,
      @JsonProperty("child_1_output") ChildMessage child1Output,
      @JsonProperty("child_2_output") ChildMessage child2Output,
      @JsonProperty("child_3_output") ChildMessage child3Output) {}

  /** Input of {@code memo_task}. */
  public record MemoInput(String message) {}

  /** Output of {@code memo_task} (and its memoised value): a message and seconds. */
  public record MemoResult(String message, double duration) {}

  /** Input of {@code error_raising_task} and {@code error_raising_durable_parent}. */
  public record ErrorRaisingTaskInput(@JsonProperty("error_message") String errorMessage) {}

  /** Output of {@code error_raising_durable_parent}. */
  public record ErrorRaisingTaskOutput(
      @JsonProperty("child_raised") boolean childRaised,
      @JsonProperty("child_error_str") String childErrorStr) {}

  public final Workflow<DagChildWorkflowInput> dagChildWorkflow;
  public final TaskRef<DagChildOutput> dagChild1;
  public final TaskRef<DagChildOutput> dagChild2;
  public final Task<EmptyModel, SpawnDagResult> durableSpawnDag;
  public final Task<EmptyModel, DurableSpawnManyDagsResult> durableSpawnManyDags;

  public final Workflow<EmptyModel> durableWorkflow;
  public final TaskRef<Void> ephemeralTask;
  public final TaskRef<DurableTaskResult> durableTask;
  public final TaskRef<OrGroupResult> waitForOrGroup1;
  public final TaskRef<OrGroupResult> waitForOrGroup2;
  public final TaskRef<RuntimeResult> waitForMultiSleep;
  public final Workflow<EmptyModel> ephemeralWorkflow;
  public final TaskRef<Void> ephemeralTask2;

  public final Task<EmptyModel, NowResult> memoNowCaching;
  public final Task<EmptyModel, RuntimeResult> waitForSleepTwice;
  public final Task<DurableBulkSpawnInput, ChildMessage> spawnChildTask;
  public final Task<EmptyModel, SpawnResult> durableWithSpawn;
  public final Task<DurableBulkSpawnInput, BulkSpawnResult> durableWithBulkSpawn;
  public final Task<EmptyModel, SleepEventSpawnResult> durableSleepEventSpawn;
  public final Task<EventLookbackInput, EventLookbackResultWithEvent> waitForEventLookback;
  public final Task<EventLookbackInput, EventLookbackResult> waitForOrEventLookback;
  public final Task<EventLookbackInput, TwoEventsResult> waitForTwoEventsSecondPushedFirst;
  public final Task<EmptyModel, NonDeterminismOutput> durableNonDeterminism;
  public final Task<EmptyModel, ReplayResetResponse> durableReplayReset;
  public final Task<EmptyModel, ChildKeyDedupResult> durableChildKeyDedupReplay;
  public final Task<MemoInput, MemoResult> memoTask;
  public final Task<ErrorRaisingTaskInput, Void> errorRaisingTask;
  public final Task<ErrorRaisingTaskInput, ErrorRaisingTaskOutput> errorRaisingDurableParent;

  public DurableExample(Hatchet hatchet) {
    // --- a DAG run as a durable child
    dagChildWorkflow = hatchet.workflow("dag-child-workflow", DagChildWorkflowInput.class);
    dagChild1 = dagChildWorkflow.task("dag_child_1", DagChildOutput.class, (input, ctx) -> {
      Thread.sleep(input.sleep1Duration() * 1000L);
      return new DagChildOutput("child1", input.childIndex());
    });
    dagChild2 = dagChildWorkflow.task("dag_child_2", DagChildOutput.class, (input, ctx) -> {
      Thread.sleep(input.sleep2Duration() * 1000L);
      return new DagChildOutput("child2", input.childIndex());
    }, o -> o.parents(dagChild1));

    durableSpawnDag = hatchet.durableTask("durable_spawn_dag", EmptyModel.class, SpawnDagResult.class, (input, ctx) -> {
      // wall-clock time is not replay-stable; these timings describe this one invocation only
      long sleepStart = System.nanoTime();
      Duration slept = ctx.sleepFor(Duration.ofSeconds(1));
      double sleepDuration = secondsSince(sleepStart);

      long spawnStart = System.nanoTime();
      WorkflowResult dag = ctx.runChild(dagChildWorkflow, new DagChildWorkflowInput(null, null, null));
      double spawnDuration = secondsSince(spawnStart);

      return new SpawnDagResult(sleepDuration, new SleepResult(slept.toString()), spawnDuration, outputsByTask(dag));
    }, o -> o.executionTimeout(Duration.ofSeconds(20))); // upstream allows 10 s for 7 s of work; a busy machine needs more

    durableSpawnManyDags = hatchet.durableTask("durable_spawn_many_dags", EmptyModel.class,
        DurableSpawnManyDagsResult.class, (input, ctx) -> {
          List<DagChildWorkflowInput> inputs = new ArrayList<>();
          for (int i = 0; i < 20; i++) {
            inputs.add(new DagChildWorkflowInput(i, 0, 0));
          }
          List<DurableSpawnManyDagsResultSingleton> results = new ArrayList<>();
          for (WorkflowResult r : ctx.runChildren(dagChildWorkflow, inputs)) {
            results.add(new DurableSpawnManyDagsResultSingleton(
                r.taskNames().contains(dagChild1.name()) && r.taskNames().contains(dagChild2.name()),
                r.output(dagChild1).childIndex()));
          }
          return new DurableSpawnManyDagsResult(results);
        }, o -> o.executionTimeout(Duration.ofSeconds(10)));

    // --- a workflow mixing durable and regular tasks
    durableWorkflow = hatchet.workflow("DurableWorkflow", EmptyModel.class);
    ephemeralTask = durableWorkflow.task("ephemeral_task", Void.class, (input, ctx) -> {
      ctx.log("running a non-durable task");
      return null;
    });

    durableTask = durableWorkflow.durableTask("durable_task", DurableTaskResult.class, (input, ctx) -> {
      Duration slept = ctx.sleepFor(SLEEP_TIME);
      AwaitedEvent event = ctx.waitForEvent(EVENT_KEY, "true", AwaitedEvent.class);
      return new DurableTaskResult("success", event.id(), slept.toSeconds());
    });

    waitForOrGroup1 = durableWorkflow.durableTask("wait_for_or_group_1", OrGroupResult.class,
        (input, ctx) -> waitForSleepOrEvent(ctx, SLEEP_TIME));
    waitForOrGroup2 = durableWorkflow.durableTask("wait_for_or_group_2", OrGroupResult.class,
        (input, ctx) -> waitForSleepOrEvent(ctx, SLEEP_TIME.multipliedBy(6)));

    waitForMultiSleep = durableWorkflow.durableTask("wait_for_multi_sleep", RuntimeResult.class, (input, ctx) -> {
      long start = System.nanoTime();
      for (int i = 0; i < 3; i++) {
        ctx.sleepFor(SLEEP_TIME);
      }
      return new RuntimeResult(secondsSince(start));
    });

    ephemeralWorkflow = hatchet.workflow("EphemeralWorkflow", EmptyModel.class);
    ephemeralTask2 = ephemeralWorkflow.task("ephemeral_task_2", Void.class, (input, ctx) -> {
      ctx.log("running a non-durable task");
      return null;
    });

    // --- replays
    memoNowCaching = hatchet.durableTask("memo_now_caching", EmptyModel.class, NowResult.class,
        (input, ctx) -> new NowResult(ctx.now().toString()));

    waitForSleepTwice = hatchet.durableTask("wait_for_sleep_twice", EmptyModel.class, RuntimeResult.class, (input, ctx) -> {
      try {
        long start = System.nanoTime();
        ctx.sleepFor(SLEEP_TIME);
        return new RuntimeResult(secondsSince(start));
      } catch (TaskCancelledException e) {
        // the engine has already ended this attempt, so this value is not reported
        return new RuntimeResult(-1.0);
      }
    });

    // --- children
    spawnChildTask = hatchet.task("spawn_child_task", DurableBulkSpawnInput.class, ChildMessage.class,
        (input, ctx) -> new ChildMessage("hello from child " + input.n()));

    durableWithSpawn = hatchet.durableTask("durable_with_spawn", EmptyModel.class, SpawnResult.class,
        (input, ctx) -> new SpawnResult(ctx.runChild(spawnChildTask, new DurableBulkSpawnInput(null))),
        o -> o.executionTimeout(Duration.ofSeconds(10)));

    durableWithBulkSpawn = hatchet.durableTask("durable_with_bulk_spawn", DurableBulkSpawnInput.class,
        BulkSpawnResult.class, (input, ctx) -> {
          List<DurableBulkSpawnInput> inputs = new ArrayList<>();
          for (int i = 0; i < input.n(); i++) {
            inputs.add(new DurableBulkSpawnInput(i));
          }
          return new BulkSpawnResult(ctx.runChildren(spawnChildTask, inputs));
        });

    durableSleepEventSpawn = hatchet.durableTask("durable_sleep_event_spawn", EmptyModel.class,
        SleepEventSpawnResult.class, (input, ctx) -> {
          long start = System.nanoTime();
          ctx.sleepFor(SLEEP_TIME);
          ctx.waitForEvent(EVENT_KEY, "true", JsonNode.class);
          ChildMessage child = ctx.runChild(spawnChildTask, new DurableBulkSpawnInput(null));
          return new SleepEventSpawnResult(secondsSince(start), child);
        });

    // --- event lookback
    waitForEventLookback = hatchet.durableTask("wait_for_event_lookback", EventLookbackInput.class,
        EventLookbackResultWithEvent.class, (input, ctx) -> {
          long start = System.nanoTime();
          LookbackEventPayload event = ctx.waitForEvent("user:create", "input.user_id == " + input.userId(),
              "user_id:" + input.userId(), LOOKBACK, LookbackEventPayload.class);
          return new EventLookbackResultWithEvent(secondsSince(start), event);
        });

    waitForOrEventLookback = hatchet.durableTask("wait_for_or_event_lookback", EventLookbackInput.class,
        EventLookbackResult.class, (input, ctx) -> {
          long start = System.nanoTime();
          Instant considerEventsSince = ctx.now().minus(LOOKBACK);
          ctx.waitFor(Condition.or(
              Condition.sleep(SLEEP_TIME),
              Condition.userEvent(EVENT_KEY).scope(input.scope()).considerEventsSince(considerEventsSince)));
          return new EventLookbackResult(secondsSince(start));
        });

    waitForTwoEventsSecondPushedFirst = hatchet.durableTask("wait_for_two_events_second_pushed_first",
        EventLookbackInput.class, TwoEventsResult.class, (input, ctx) -> {
          long start = System.nanoTime();
          LookbackEventPayload event1 = ctx.waitForEvent("key1", null, input.scope(), LOOKBACK, LookbackEventPayload.class);
          LookbackEventPayload event2 = ctx.waitForEvent("key2", null, input.scope(), LOOKBACK, LookbackEventPayload.class);
          return new TwoEventsResult(event1, event2, secondsSince(start));
        });

    // --- determinism, reset and child keys
    durableNonDeterminism = hatchet.durableTask("durable_non_determinism", EmptyModel.class,
        NonDeterminismOutput.class, (input, ctx) -> {
          // deliberately not deterministic: a replay (a later attempt) asks for a different sleep
          int sleepTime = ctx.attemptNumber() * 2;
          try {
            ctx.sleepFor(Duration.ofSeconds(sleepTime));
          } catch (NonDeterminismException e) {
            return new NonDeterminismOutput(ctx.attemptNumber(), sleepTime, true, e.nodeId());
          }
          return new NonDeterminismOutput(ctx.attemptNumber(), sleepTime, false, null);
        }, o -> o.executionTimeout(Duration.ofSeconds(10)));

    durableReplayReset = hatchet.durableTask("durable_replay_reset", EmptyModel.class, ReplayResetResponse.class,
        (input, ctx) -> {
          double[] durations = new double[3];
          for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            ctx.sleepFor(REPLAY_RESET_SLEEP_TIME);
            durations[i] = secondsSince(start);
          }
          return new ReplayResetResponse(durations[0], durations[1], durations[2]);
        }, o -> o.executionTimeout(Duration.ofSeconds(20)).eviction(EvictionPolicy.never().capacityEviction(false)));

    durableChildKeyDedupReplay = hatchet.durableTask("durable_child_key_dedup_replay", EmptyModel.class,
        ChildKeyDedupResult.class, (input, ctx) -> {
          long start = System.nanoTime();
          ctx.sleepFor(SLEEP_TIME);
          ChildMessage child1 = ctx.runChild(spawnChildTask, new DurableBulkSpawnInput(1), RunOptions.create().childKey("child-a"));
          ChildMessage child2 = ctx.runChild(spawnChildTask, new DurableBulkSpawnInput(2), RunOptions.create().childKey("child-b"));
          // the same child key as the first: the first child's run, not a new one
          ChildMessage child3 = ctx.runChild(spawnChildTask, new DurableBulkSpawnInput(3), RunOptions.create().childKey("child-a"));
          ctx.sleepFor(SLEEP_TIME);
          return new ChildKeyDedupResult(secondsSince(start), child1, child2, child3);
        }, o -> o.executionTimeout(Duration.ofSeconds(30)));

    memoTask = hatchet.durableTask("memo_task", MemoInput.class, MemoResult.class, (input, ctx) -> {
      long start = System.nanoTime();
      MemoResult res = ctx.memo("expensive_computation:" + input.message(), MemoResult.class,
          () -> expensiveComputation(input.message()));
      return new MemoResult(res.message(), secondsSince(start));
    });

    // --- a failing child
    errorRaisingTask = hatchet.task("error_raising_task", ErrorRaisingTaskInput.class, Void.class, (input, ctx) -> {
      throw new IllegalArgumentException(input.errorMessage());
    });

    errorRaisingDurableParent = hatchet.durableTask("error_raising_durable_parent", ErrorRaisingTaskInput.class,
        ErrorRaisingTaskOutput.class, (input, ctx) -> {
          try {
            ctx.runChild(errorRaisingTask, input, RunOptions.create().metadata(userMetadata(ctx.additionalMetadata())));
            return new ErrorRaisingTaskOutput(false, null);
          } catch (RuntimeException e) {
            return new ErrorRaisingTaskOutput(true, e.getMessage());
          }
        });
  }

  private static OrGroupResult waitForSleepOrEvent(run.hatchet.worker.DurableContext ctx, Duration sleep) {
    long start = System.nanoTime();
    JsonNode satisfied = ctx.waitFor(Condition.or(Condition.sleep(sleep), Condition.userEvent(EVENT_KEY)));
    return new OrGroupResult(secondsSince(start), WAIT_ACTION, satisfied.fieldNames().next());
  }

  private static MemoResult expensiveComputation(String message) {
    try {
      Thread.sleep(SLEEP_TIME.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    return new MemoResult(message, SLEEP_TIME.toSeconds());
  }

  private static Map<String, JsonNode> outputsByTask(WorkflowResult result) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (String task : result.taskNames()) {
      out.put(task, result.output(task, JsonNode.class));
    }
    return out;
  }

  /** The run's metadata without the keys the engine adds ({@code hatchet__*}). */
  private static Map<String, Object> userMetadata(Map<String, Object> metadata) {
    Map<String, Object> out = new LinkedHashMap<>(metadata);
    out.keySet().removeIf(k -> k.startsWith("hatchet__"));
    return out;
  }

  private static double secondsSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  @Override
  public String name() {
    return "durable";
  }

  @Override
  public List<Definition<?, ?>> definitions() {
    return List.of(durableWorkflow, ephemeralWorkflow, dagChildWorkflow, durableSpawnDag, durableSpawnManyDags,
        memoNowCaching, waitForSleepTwice, spawnChildTask, durableWithSpawn, durableWithBulkSpawn, durableSleepEventSpawn,
        waitForEventLookback, waitForOrEventLookback, waitForTwoEventsSecondPushedFirst, durableNonDeterminism,
        durableReplayReset, durableChildKeyDedupReplay, memoTask, errorRaisingTask, errorRaisingDurableParent);
  }
}
