package run.hatchet.examples.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static run.hatchet.examples.durable.DurableExample.EVENT_KEY;
import static run.hatchet.examples.durable.DurableExample.REPLAY_RESET_SLEEP_TIME;
import static run.hatchet.examples.durable.DurableExample.SLEEP_TIME;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import run.hatchet.Hatchet;
import run.hatchet.HatchetException;
import run.hatchet.client.EventOptions;
import run.hatchet.client.RunOptions;
import run.hatchet.client.RunRef;
import run.hatchet.client.WorkflowResult;
import run.hatchet.definition.Definition;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.EngineSupport;
import run.hatchet.examples.durable.DurableExample.ChildKeyDedupResult;
import run.hatchet.examples.durable.DurableExample.ChildMessage;
import run.hatchet.examples.durable.DurableExample.DurableBulkSpawnInput;
import run.hatchet.examples.durable.DurableExample.DurableSpawnManyDagsResult;
import run.hatchet.examples.durable.DurableExample.DurableSpawnManyDagsResultSingleton;
import run.hatchet.examples.durable.DurableExample.DurableTaskResult;
import run.hatchet.examples.durable.DurableExample.ErrorRaisingTaskInput;
import run.hatchet.examples.durable.DurableExample.ErrorRaisingTaskOutput;
import run.hatchet.examples.durable.DurableExample.EventLookbackInput;
import run.hatchet.examples.durable.DurableExample.EventLookbackResult;
import run.hatchet.examples.durable.DurableExample.EventLookbackResultWithEvent;
import run.hatchet.examples.durable.DurableExample.MemoInput;
import run.hatchet.examples.durable.DurableExample.MemoResult;
import run.hatchet.examples.durable.DurableExample.NonDeterminismOutput;
import run.hatchet.examples.durable.DurableExample.NowResult;
import run.hatchet.examples.durable.DurableExample.OrGroupResult;
import run.hatchet.examples.durable.DurableExample.ReplayResetResponse;
import run.hatchet.examples.durable.DurableExample.RuntimeResult;
import run.hatchet.examples.durable.DurableExample.SleepEventSpawnResult;
import run.hatchet.examples.durable.DurableExample.SpawnDagResult;
import run.hatchet.examples.durable.DurableExample.TwoEventsResult;
import run.hatchet.features.RunDetails;
import run.hatchet.features.RunFilter;
import run.hatchet.features.RunStatus;
import run.hatchet.features.TaskSummary;
import run.hatchet.features.WorkerInfo;
import run.hatchet.features.WorkerStatus;
import run.hatchet.worker.Worker;

/**
 * The upstream durable example's scenarios. They run concurrently; those pushing or waiting for
 * {@link DurableExample#EVENT_KEY} take turns, as any push of that key completes every wait for it.
 */
@Execution(ExecutionMode.CONCURRENT)
class DurableExampleIT {
  static final String WORKER_NAME = "durable-worker";
  /** Slack for scheduling and the engine's timers in "well under a full sleep" checks. */
  static final double TOLERANCE = 1.0;
  static final Duration RESULT_TIMEOUT = Duration.ofSeconds(90);
  /**
   * The reset cases take turns. Engine v0.104.7 replays and branches under a tenant-wide try-lock: a replay
   * that arrives while another one is being applied fails inside the engine ("could not acquire advisory lock
   * for replaying tasks" in its log) although the request was accepted, and the run is never re-run.
   */
  static final String RESET = "durable_replay_reset";

  static Hatchet hatchet;
  static Worker worker;
  static DurableExample example;

  @BeforeAll
  static void start() {
    hatchet = EngineSupport.client(DurableExampleIT.class);
    example = new DurableExample(hatchet);
    worker = hatchet.worker(WORKER_NAME).slots(60).durableSlots(60)
        .register(example.definitions().toArray(new Definition<?, ?>[0])).start();
  }

  @AfterAll
  static void stop() {
    EngineSupport.stop(worker, hatchet);
  }

  static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }

  static double secondsSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  static void awaitRunning(String runId) {
    EngineSupport.awaitStatus(hatchet, runId, "RUNNING");
  }

  /** The attempt the engine reports for the run's (only) task. */
  static int attempt(String runId) {
    return hatchet.runs().get(runId).tasks().get(0).retryCount();
  }

  /**
   * Waits until the run's task has completed again after a replay or reset: a later attempt, or (for a
   * reset, which keeps the attempt) a different output; returns that output.
   */
  static <T> T awaitRerun(String runId, int attemptBefore, JsonNode outputBefore, Class<T> type) {
    long end = System.nanoTime() + RESULT_TIMEOUT.toNanos();
    RunDetails last = null;
    while (System.nanoTime() < end) {
      last = hatchet.runs().get(runId);
      TaskSummary task = last.tasks().isEmpty() ? null : last.tasks().get(0);
      if (last.status() == RunStatus.COMPLETED && task != null && !task.output().isMissingNode() && !task.output().isNull()
          && (task.retryCount() > attemptBefore || !task.output().equals(outputBefore))) {
        return hatchet.serializer().fromJson(task.output().toString(), type);
      }
      EngineSupport.sleep(250);
    }
    throw new AssertionError("run " + runId + " did not complete again within " + RESULT_TIMEOUT + "; last: " + last);
  }

  /** The completed run's task output as the engine holds it (waits for the read model to catch up). */
  static JsonNode completedOutput(String runId) {
    return EngineSupport.awaitRun(hatchet, runId, d -> "COMPLETED".equals(d.path("run").path("status").asText())
        && d.path("tasks").size() > 0 && !d.path("tasks").get(0).path("output").isMissingNode(), RESULT_TIMEOUT)
        .path("tasks").get(0).path("output");
  }

  /**
   * Sends one replay or branch request at a time, a second apart, so that the engine applies each before the
   * next arrives (see {@link #RESET}).
   */
  static synchronized void spaced(Runnable request) {
    request.run();
    EngineSupport.sleep(1_000);
  }

  /** Replays the run and returns the output of the replay. */
  static <T> T replay(String runId, Class<T> type) {
    JsonNode before = completedOutput(runId);
    int attempt = attempt(runId);
    spaced(() -> hatchet.runs().replay(runId));
    return awaitRerun(runId, attempt, before, type);
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  @ResourceLock(EVENT_KEY)
  void durableWorkflow() {
    RunRef<WorkflowResult> ref = example.durableWorkflow.runNoWait(new EmptyModel());
    String id = UUID.randomUUID().toString();
    awaitRunning(ref.id());
    EngineSupport.sleep(SLEEP_TIME.plusSeconds(3).toMillis());

    hatchet.events().push(EVENT_KEY, new DurableExample.AwaitedEvent(id));
    WorkflowResult result = ref.result(RESULT_TIMEOUT);

    List<WorkerInfo> active = hatchet.workers().list(List.of(WorkerStatus.ACTIVE), Map.of(), 0, 1000).items();
    assertThat(active).extracting(WorkerInfo::name).contains(hatchet.config().applyNamespace(WORKER_NAME));

    DurableTaskResult durable = result.output(example.durableTask);
    assertThat(durable.status()).isEqualTo("success");
    assertThat(durable.eventId()).isEqualTo(id);
    assertThat(durable.sleepDurationSeconds()).isEqualTo(SLEEP_TIME.toSeconds());

    OrGroupResult group1 = result.output(example.waitForOrGroup1);
    OrGroupResult group2 = result.output(example.waitForOrGroup2);
    assertThat(group1.key()).isEqualTo(group2.key()).isEqualTo("CREATE");
    assertThat(group1.eventId()).contains("sleep");
    assertThat(group2.eventId()).contains("event");
  }

  @Test
  void durableSleepCancelReplay() {
    RunRef<RuntimeResult> ref = example.waitForSleepTwice.runNoWait(new EmptyModel());
    awaitRunning(ref.id());
    // part of the 5 s sleep has passed, and the cancel has 3 s to reach the worker before the sleep ends
    EngineSupport.sleep(2_000);
    hatchet.runs().cancel(ref.id());
    assertThatThrownBy(() -> ref.result(RESULT_TIMEOUT)).isInstanceOf(HatchetException.class);
    EngineSupport.awaitStatus(hatchet, ref.id(), "CANCELLED");

    int attempt = attempt(ref.id());
    spaced(() -> hatchet.runs().replay(ref.id()));
    RuntimeResult replayed = awaitRerun(ref.id(), attempt, null, RuntimeResult.class);
    // the replay waits only for what is left of the sleep the first attempt began
    assertThat(replayed.runtime()).isGreaterThanOrEqualTo(0).isLessThan(seconds(SLEEP_TIME));
  }

  @Test
  void durableChildSpawn() {
    assertThat(example.durableWithSpawn.run(new EmptyModel()).childOutput()).isEqualTo(new ChildMessage("hello from child 1"));
  }

  @Test
  void durableChildBulkSpawn() {
    int n = 10;
    assertThat(example.durableWithBulkSpawn.run(new DurableBulkSpawnInput(n)).childOutputs())
        .isEqualTo(IntStream.range(0, n).mapToObj(i -> new ChildMessage("hello from child " + i)).collect(Collectors.toList()));
  }

  @Test
  @ResourceLock(EVENT_KEY)
  void durableSleepEventSpawnReplay() {
    long start = System.nanoTime();
    RunRef<SleepEventSpawnResult> ref = example.durableSleepEventSpawn.runNoWait(new EmptyModel());
    awaitRunning(ref.id());
    EngineSupport.sleep(SLEEP_TIME.plusSeconds(3).toMillis());
    hatchet.events().push(EVENT_KEY, Map.of("test", "test"));

    SleepEventSpawnResult result = ref.result(RESULT_TIMEOUT);
    assertThat(result.childOutput()).isEqualTo(new ChildMessage("hello from child 1"));
    assertThat(secondsSince(start)).isGreaterThanOrEqualTo(seconds(SLEEP_TIME));

    // the sleep, the event and the child are all recorded: the replay redoes none of them
    SleepEventSpawnResult replayed = replay(ref.id(), SleepEventSpawnResult.class);
    assertThat(replayed.childOutput()).isEqualTo(new ChildMessage("hello from child 1"));
    assertThat(replayed.runtime()).isLessThan(seconds(SLEEP_TIME));
  }

  @Test
  void durableChildKeyDedupReplay() {
    RunRef<ChildKeyDedupResult> ref = example.durableChildKeyDedupReplay.runNoWait(new EmptyModel());
    ChildKeyDedupResult result = ref.result(RESULT_TIMEOUT);
    assertThat(result.runtime()).isGreaterThanOrEqualTo(2 * seconds(SLEEP_TIME));
    assertThat(result.child1Output()).isEqualTo(new ChildMessage("hello from child 1"));
    assertThat(result.child2Output()).isEqualTo(new ChildMessage("hello from child 2"));
    assertThat(result.child3Output()).isEqualTo(result.child1Output());

    ChildKeyDedupResult replayed = replay(ref.id(), ChildKeyDedupResult.class);
    assertThat(replayed.child1Output()).isEqualTo(result.child1Output());
    assertThat(replayed.child2Output()).isEqualTo(result.child2Output());
    assertThat(replayed.child3Output()).isEqualTo(result.child3Output());
    assertThat(replayed.runtime()).isLessThan(seconds(SLEEP_TIME));
  }

  @Test
  void durableCompletedReplay() {
    long start = System.nanoTime();
    RunRef<RuntimeResult> ref = example.waitForSleepTwice.runNoWait(new EmptyModel());
    RuntimeResult first = ref.result(RESULT_TIMEOUT);
    assertThat(first.runtime()).isGreaterThanOrEqualTo(seconds(SLEEP_TIME));
    assertThat(secondsSince(start)).isGreaterThanOrEqualTo(seconds(SLEEP_TIME));

    RuntimeResult replayed = replay(ref.id(), RuntimeResult.class);
    assertThat(replayed.runtime()).isLessThan(seconds(SLEEP_TIME));
  }

  @Test
  void durableSpawnDag() {
    long start = System.nanoTime();
    SpawnDagResult result = example.durableSpawnDag.run(new EmptyModel());
    double elapsed = secondsSince(start);
    assertThat(result.sleepDuration()).isGreaterThanOrEqualTo(1);
    assertThat(result.sleepResult().duration()).isEqualTo("PT1S");
    assertThat(result.spawnDuration()).isGreaterThanOrEqualTo(5);
    assertThat(result.spawnResult()).containsOnlyKeys("dag_child_1", "dag_child_2");
    assertThat(result.spawnResult().get("dag_child_2").path("result").asText()).isEqualTo("child2");
    assertThat(elapsed).isGreaterThanOrEqualTo(5);
  }

  @Test
  void durableNonDeterminism() {
    RunRef<NonDeterminismOutput> ref = example.durableNonDeterminism.runNoWait(new EmptyModel());
    NonDeterminismOutput result = ref.result(RESULT_TIMEOUT);
    assertThat(result.sleepTime()).isGreaterThan(result.attemptNumber()).isLessThan(result.attemptNumber() * 3);
    assertThat(result.nonDeterminismDetected()).isFalse();

    NonDeterminismOutput replayed = replay(ref.id(), NonDeterminismOutput.class);
    assertThat(replayed.nonDeterminismDetected()).isTrue();
    assertThat(replayed.nodeId()).isEqualTo(1L);
    assertThat(replayed.attemptNumber()).isEqualTo(2);
  }

  /** Runs {@code durable_replay_reset} to completion; returns its run id and output. */
  static Map.Entry<String, ReplayResetResponse> completedReplayReset() {
    RunRef<ReplayResetResponse> ref = example.durableReplayReset.runNoWait(new EmptyModel());
    ReplayResetResponse result = ref.result(RESULT_TIMEOUT);
    assertThat(result.sleep1Duration()).isGreaterThanOrEqualTo(seconds(REPLAY_RESET_SLEEP_TIME));
    assertThat(result.sleep2Duration()).isGreaterThanOrEqualTo(seconds(REPLAY_RESET_SLEEP_TIME));
    assertThat(result.sleep3Duration()).isGreaterThanOrEqualTo(seconds(REPLAY_RESET_SLEEP_TIME));
    return Map.entry(ref.id(), result);
  }

  /** Resets the task to the sleep at {@code nodeId} of {@code branchId}; returns the new output and the seconds it took. */
  static Map.Entry<ReplayResetResponse, Double> reset(String runId, long nodeId, long branchId) {
    JsonNode before = completedOutput(runId);
    int attempt = attempt(runId);
    long start = System.nanoTime();
    spaced(() -> hatchet.runs().branchDurableTask(runId, nodeId, branchId));
    ReplayResetResponse after = awaitRerun(runId, attempt, before, ReplayResetResponse.class);
    return Map.entry(after, secondsSince(start));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  @ResourceLock(RESET)
  void durableReplayReset(int nodeId) {
    String runId = completedReplayReset().getKey();

    Map.Entry<ReplayResetResponse, Double> reset = reset(runId, nodeId, 1);
    ReplayResetResponse r = reset.getKey();
    double[] durations = {r.sleep1Duration(), r.sleep2Duration(), r.sleep3Duration()};
    for (int i = 1; i <= 3; i++) {
      if (i < nodeId) {
        assertThat(durations[i - 1]).as("sleep %d (before the reset point)", i).isLessThan(seconds(REPLAY_RESET_SLEEP_TIME) + TOLERANCE);
      } else {
        assertThat(durations[i - 1]).as("sleep %d (from the reset point)", i).isGreaterThanOrEqualTo(seconds(REPLAY_RESET_SLEEP_TIME));
      }
    }
    int sleepsToRedo = 3 - nodeId + 1;
    assertThat(reset.getValue()).isGreaterThanOrEqualTo(sleepsToRedo * seconds(REPLAY_RESET_SLEEP_TIME));
  }

  @Test
  @ResourceLock(RESET)
  void durableBranchingOffBranch() {
    String runId = completedReplayReset().getKey();

    Map.Entry<ReplayResetResponse, Double> first = reset(runId, 1, 1);
    assertThat(first.getKey().sleep1Duration()).isGreaterThanOrEqualTo(seconds(REPLAY_RESET_SLEEP_TIME));
    assertThat(first.getKey().sleep2Duration()).isGreaterThanOrEqualTo(seconds(REPLAY_RESET_SLEEP_TIME));
    assertThat(first.getKey().sleep3Duration()).isGreaterThanOrEqualTo(seconds(REPLAY_RESET_SLEEP_TIME));
    assertThat(first.getValue()).isGreaterThanOrEqualTo(3 * seconds(REPLAY_RESET_SLEEP_TIME));

    // branch off the branch the first reset made (branch 2)
    Map.Entry<ReplayResetResponse, Double> second = reset(runId, 2, 2);
    assertThat(second.getKey().sleep1Duration()).isLessThan(seconds(REPLAY_RESET_SLEEP_TIME) + TOLERANCE);
    assertThat(second.getKey().sleep2Duration()).isGreaterThanOrEqualTo(seconds(REPLAY_RESET_SLEEP_TIME));
    assertThat(second.getKey().sleep3Duration()).isGreaterThanOrEqualTo(seconds(REPLAY_RESET_SLEEP_TIME));
    assertThat(second.getValue()).isGreaterThanOrEqualTo(2 * seconds(REPLAY_RESET_SLEEP_TIME));
  }

  @Test
  void durableMemoizationViaReplay() {
    String message = UUID.randomUUID().toString();
    long start = System.nanoTime();
    RunRef<MemoResult> ref = example.memoTask.runNoWait(new MemoInput(message));
    MemoResult first = ref.result(RESULT_TIMEOUT);
    assertThat(secondsSince(start)).isGreaterThanOrEqualTo(seconds(SLEEP_TIME));

    MemoResult replayed = replay(ref.id(), MemoResult.class);
    // the memoised computation is not redone: the replay takes well under its five seconds
    assertThat(replayed.duration()).isLessThan(1);
    assertThat(replayed.message()).isEqualTo(first.message()).isEqualTo(message);
  }

  @Test
  void durableMemoNowCaching() {
    RunRef<NowResult> ref = example.memoNowCaching.runNoWait(new EmptyModel());
    NowResult first = ref.result(RESULT_TIMEOUT);
    NowResult replayed = replay(ref.id(), NowResult.class);
    assertThat(replayed.startTime()).isEqualTo(first.startTime());
  }

  @Test
  void eventLookbackBeforeWait() {
    int userId = 1234;
    hatchet.events().push("user:create", Map.of("order", "first", "user_id", userId),
        EventOptions.create().scope("user_id:" + userId));
    EngineSupport.sleep(1_000);

    EventLookbackResultWithEvent result = example.waitForEventLookback.run(new EventLookbackInput(null, userId));
    // the event was pushed before the wait began, and the lookback finds it at once
    assertThat(result.elapsed()).isLessThan(1 + TOLERANCE);
    assertThat(result.event().order()).isEqualTo("first");
  }

  @Test
  @ResourceLock(EVENT_KEY)
  void orGroupEventLookbackBeforeWait() {
    String scope = UUID.randomUUID().toString();
    hatchet.events().push(EVENT_KEY, Map.of("order", "first"), EventOptions.create().scope(scope));
    EngineSupport.sleep(1_000);

    EventLookbackResult result = example.waitForOrEventLookback.run(new EventLookbackInput(scope, null));
    // the earlier event ends the wait, not its sleep
    assertThat(result.elapsed()).isLessThan(seconds(SLEEP_TIME));
  }

  @Test
  void twoEventWaitsSecondPushedFirst() {
    String scope = UUID.randomUUID().toString();
    hatchet.events().push("key2", Map.of("order", "second"), EventOptions.create().scope(scope));
    EngineSupport.sleep(1_000);

    RunRef<TwoEventsResult> ref = example.waitForTwoEventsSecondPushedFirst.runNoWait(new EventLookbackInput(scope, null));
    EngineSupport.sleep(3_000);
    hatchet.events().push("key1", Map.of("order", "first"), EventOptions.create().scope(scope));

    TwoEventsResult result = ref.result(RESULT_TIMEOUT);
    assertThat(result.elapsed()).isLessThan(seconds(SLEEP_TIME) + TOLERANCE);
    assertThat(result.event1().order()).isEqualTo("first");
    assertThat(result.event2().order()).isEqualTo("second");
  }

  @Test
  void dagSpawnReturnsFullOutput() {
    RunRef<DurableSpawnManyDagsResult> ref = example.durableSpawnManyDags.runNoWait(new EmptyModel());
    assertAllTwentyDags(ref.result(RESULT_TIMEOUT));
    assertAllTwentyDags(replay(ref.id(), DurableSpawnManyDagsResult.class));
  }

  static void assertAllTwentyDags(DurableSpawnManyDagsResult result) {
    assertThat(result.results()).extracting(DurableSpawnManyDagsResultSingleton::childIndex)
        .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 20).boxed().collect(Collectors.toList()));
    assertThat(result.results()).allMatch(DurableSpawnManyDagsResultSingleton::hasBothChildOutputs);
  }

  @Test
  void durableErrorOnErrorInChild() {
    String testRunId = UUID.randomUUID().toString();
    String errorMessage = "error in child task " + testRunId;
    ErrorRaisingTaskOutput res = example.errorRaisingDurableParent.run(new ErrorRaisingTaskInput(errorMessage),
        RunOptions.create().metadata("test_run_id", testRunId));
    assertThat(res.childRaised()).isTrue();
    assertThat(res.childErrorStr()).contains(errorMessage);

    RunFilter filter = RunFilter.create().since(Instant.now().minus(Duration.ofMinutes(10))).metadata("test_run_id", testRunId);
    Predicate<List<TaskSummary>> settled = rows -> rows.size() >= 2
        && rows.stream().noneMatch(r -> r.status() == RunStatus.QUEUED || r.status() == RunStatus.RUNNING);
    List<TaskSummary> rows = awaitRows(filter, settled);
    assertThat(rows).hasSize(2);
    TaskSummary child = rows.stream().filter(r -> r.workflowName().contains("error_raising_task")).findFirst().orElseThrow();
    TaskSummary parent = rows.stream().filter(r -> r.workflowName().contains("error_raising_durable_parent")).findFirst().orElseThrow();
    assertThat(parent.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(child.status()).isEqualTo(RunStatus.FAILED);
  }

  static List<TaskSummary> awaitRows(RunFilter filter, Predicate<List<TaskSummary>> done) {
    long end = System.nanoTime() + RESULT_TIMEOUT.toNanos();
    List<TaskSummary> rows = List.of();
    while (System.nanoTime() < end) {
      rows = hatchet.runs().list(filter).items();
      if (done.test(rows)) {
        return rows;
      }
      EngineSupport.sleep(500);
    }
    throw new AssertionError("the run list did not settle within " + RESULT_TIMEOUT + "; last: " + rows);
  }
}
