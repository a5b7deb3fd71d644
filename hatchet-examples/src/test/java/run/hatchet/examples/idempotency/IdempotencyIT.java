package run.hatchet.examples.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import run.hatchet.Hatchet;
import run.hatchet.client.BulkIdempotencyCollisionException;
import run.hatchet.client.BulkRun;
import run.hatchet.client.EventOptions;
import run.hatchet.client.IdempotencyCollisionException;
import run.hatchet.client.RunFailedException;
import run.hatchet.client.RunOptions;
import run.hatchet.client.RunRef;
import run.hatchet.definition.Task;
import run.hatchet.examples.EngineSupport;
import run.hatchet.examples.idempotency.IdempotencyExample.IdempotencyInput;
import run.hatchet.examples.idempotency.IdempotencyExample.Result;
import run.hatchet.worker.Worker;

/** Every scenario uses keys of its own, so they run concurrently. */
@Execution(ExecutionMode.CONCURRENT)
class IdempotencyIT {
  static Hatchet hatchet;
  static Worker worker;
  static IdempotencyExample example;

  @BeforeAll
  static void start() {
    hatchet = EngineSupport.client(IdempotencyIT.class);
    example = new IdempotencyExample(hatchet);
    worker = hatchet.worker("test-worker").register(example.idempotentTask, example.idempotentTaskShortWindow,
        example.idempotentStatusBasedTask, example.idempotentStatusBasedTaskWithRetries).start();
  }

  @AfterAll
  static void stop() {
    EngineSupport.stop(worker, hatchet);
  }

  static RunOptions meta(String testRunId) {
    return RunOptions.create().metadata("test_run_id", testRunId);
  }

  /** The second trigger with the same key is refused, naming the run that holds the key. */
  static void assertCollides(Task<IdempotencyInput, Result> task, String id, String holder) {
    IdempotencyCollisionException e = catchThrowableOfType(IdempotencyCollisionException.class,
        () -> task.runNoWait(new IdempotencyInput(id)));
    assertThat(e).as("a collision").isNotNull();
    assertThat(e.existingRunId()).isEqualTo(holder);
  }

  static List<JsonNode> runsOf(String testRunId, int expected) {
    return EngineSupport.awaitRuns(hatchet, Map.of("additional_metadata", "test_run_id:" + testRunId),
        rows -> rows.size() >= expected, Duration.ofSeconds(15));
  }

  static Set<String> ids(List<JsonNode> runs) {
    Set<String> out = new HashSet<>();
    runs.forEach(r -> out.add(r.path("metadata").path("id").asText()));
    return out;
  }

  static double secondsSince(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  @Test
  void aSecondTriggerWithTheSameKeyIsRefused() {
    String id = UUID.randomUUID().toString();
    RunRef<Result> ref1 = example.idempotentTask.runNoWait(new IdempotencyInput(id), meta(id));
    assertCollides(example.idempotentTask, id, ref1.id());
    List<JsonNode> runs = runsOf(id, 1);
    assertThat(ids(runs)).containsExactly(ref1.id());
    assertThat(ref1.result(Duration.ofSeconds(30)).result().toLowerCase()).contains("hello");
  }

  @Test
  void aStatusBasedKeyIsFreeAgainOnceTheRunSucceeded() {
    long t0 = System.nanoTime();
    String id = UUID.randomUUID().toString();
    RunRef<Result> ref1 = example.idempotentStatusBasedTask.runNoWait(new IdempotencyInput(id), meta(id));
    assertCollides(example.idempotentStatusBasedTask, id, ref1.id());
    Result res1 = ref1.result(Duration.ofSeconds(30));
    assertThat(secondsSince(t0)).isGreaterThanOrEqualTo(2.0);

    RunRef<Result> ref2 = example.idempotentStatusBasedTask.runNoWait(new IdempotencyInput(id), meta(id));
    Result res2 = ref2.result(Duration.ofSeconds(30));
    assertThat(res2).isEqualTo(res1);
    // the second trigger was accepted (no collision) although the 10 s fallback TTL had not passed
    assertThat(secondsSince(t0)).isGreaterThanOrEqualTo(4.0);
    assertThat(ids(runsOf(id, 2))).containsExactlyInAnyOrder(ref1.id(), ref2.id());
    assertThat(res1.result().toLowerCase()).contains("hello");
  }

  @Test
  void aStatusBasedKeyIsFreeAgainOnceTheRunFailed() {
    long t0 = System.nanoTime();
    String id = UUID.randomUUID().toString();
    RunRef<Result> ref1 = example.idempotentStatusBasedTask.runNoWait(new IdempotencyInput(id, "fail"), meta(id));
    assertCollides(example.idempotentStatusBasedTask, id, ref1.id());
    assertThatThrownBy(() -> ref1.result(Duration.ofSeconds(30))).isInstanceOf(RunFailedException.class)
        .hasMessageContaining("failed as requested").hasMessageContaining(ref1.id());
    assertThat(secondsSince(t0)).isGreaterThanOrEqualTo(2.0);

    RunRef<Result> ref2 = example.idempotentStatusBasedTask.runNoWait(new IdempotencyInput(id, "fail"), meta(id));
    assertThatThrownBy(() -> ref2.result(Duration.ofSeconds(30))).isInstanceOf(RunFailedException.class)
        .hasMessageContaining("failed as requested").hasMessageContaining(ref2.id());
    assertThat(secondsSince(t0)).isGreaterThanOrEqualTo(4.0);
    assertThat(ids(runsOf(id, 2))).containsExactlyInAnyOrder(ref1.id(), ref2.id());
  }

  @Test
  void aStatusBasedKeyIsFreeAgainOnceTheRunWasCancelled() {
    long t0 = System.nanoTime();
    String id = UUID.randomUUID().toString();
    RunRef<Result> ref1 = example.idempotentStatusBasedTask.runNoWait(new IdempotencyInput(id, "cancel"), meta(id));
    assertCollides(example.idempotentStatusBasedTask, id, ref1.id());
    assertThatThrownBy(() -> ref1.result(Duration.ofSeconds(30))).isInstanceOf(RunFailedException.class);
    assertThat(EngineSupport.awaitStatus(hatchet, ref1.id(), "CANCELLED").path("run").path("metadata").path("id").asText())
        .isEqualTo(ref1.id());
    assertThat(secondsSince(t0)).isGreaterThanOrEqualTo(1.0);

    RunRef<Result> ref2 = example.idempotentStatusBasedTask.runNoWait(new IdempotencyInput(id, "cancel"), meta(id));
    assertThatThrownBy(() -> ref2.result(Duration.ofSeconds(30))).isInstanceOf(RunFailedException.class);
    EngineSupport.awaitStatus(hatchet, ref2.id(), "CANCELLED");
    assertThat(secondsSince(t0)).isGreaterThanOrEqualTo(2.0);
    assertThat(ids(runsOf(id, 2))).containsExactlyInAnyOrder(ref1.id(), ref2.id());
  }

  @Test
  void aBulkTriggerStartsOneRunPerKey() {
    String id = UUID.randomUUID().toString();
    // the engine creates the first run and refuses the second; the SDK reports both facts
    BulkIdempotencyCollisionException e = catchThrowableOfType(BulkIdempotencyCollisionException.class,
        () -> example.idempotentTask.runManyNoWait(List.of(
            BulkRun.of(new IdempotencyInput(id), meta(id)), BulkRun.of(new IdempotencyInput(id), meta(id)))));
    assertThat(e.createdRunIds()).hasSize(1);
    assertThat(e.existingRunIds().values()).containsExactly(e.createdRunIds().get(0));
    EngineSupport.sleep(2_000);
    assertThat(ids(runsOf(id, 1))).containsExactly(e.createdRunIds().get(0));
  }

  @Test
  void duplicateEventsStartOneRunPerKey() {
    String id = UUID.randomUUID().toString();
    EventOptions o = EventOptions.create().metadata("test_run_id", id);
    hatchet.events().push(IdempotencyExample.EVENT_KEY, Map.of("id", id), o);
    hatchet.events().push(IdempotencyExample.EVENT_KEY, Map.of("id", id), o);
    EngineSupport.sleep(3_000);
    List<JsonNode> runs = runsOf(id, 1);
    // one run of each workflow listening to the event; the duplicate event started none
    Map<String, Long> perWorkflow = new java.util.HashMap<>();
    runs.forEach(r -> perWorkflow.merge(r.path("workflowName").asText(), 1L, Long::sum));
    assertThat(perWorkflow.values()).allSatisfy(n -> assertThat(n).isEqualTo(1L));
    for (JsonNode r : runs) {
      EngineSupport.awaitStatus(hatchet, r.path("metadata").path("id").asText(), "COMPLETED");
    }
  }

  /** Waits until the run's task is on attempt {@code retryCount} or later. */
  static void awaitRetry(String testRunId, int retryCount) {
    EngineSupport.awaitRuns(hatchet, Map.of("additional_metadata", "test_run_id:" + testRunId, "only_tasks", true),
        rows -> !rows.isEmpty() && rows.get(0).path("retryCount").asInt() >= retryCount, Duration.ofSeconds(60));
  }

  @Test
  void aStatusBasedKeyIsHeldAcrossRetriesUntilTheyAreExhausted() {
    String id = UUID.randomUUID().toString();
    Task<IdempotencyInput, Result> task = example.idempotentStatusBasedTaskWithRetries;
    RunRef<Result> ref1 = task.runNoWait(new IdempotencyInput(id, "fail"), meta(id));
    assertCollides(task, id, ref1.id());
    awaitRetry(id, 1);
    assertCollides(task, id, ref1.id());
    awaitRetry(id, 2);
    assertCollides(task, id, ref1.id());
    assertThatThrownBy(() -> ref1.result(Duration.ofSeconds(60))).hasMessageContaining("failed as requested");

    RunRef<Result> ref2 = task.runNoWait(new IdempotencyInput(id, "fail"), meta(id));
    assertThat(ref2.id()).isNotEqualTo(ref1.id());
    assertThatThrownBy(() -> ref2.result(Duration.ofSeconds(60))).hasMessageContaining("failed as requested");
  }

  @Test
  void aStatusBasedKeyIsFreeAgainOnceARetrySucceeded() {
    String id = UUID.randomUUID().toString();
    Task<IdempotencyInput, Result> task = example.idempotentStatusBasedTaskWithRetries;
    RunRef<Result> ref1 = task.runNoWait(new IdempotencyInput(id, "success"), meta(id));
    assertCollides(task, id, ref1.id());
    awaitRetry(id, 1);
    assertCollides(task, id, ref1.id());
    assertThat(ref1.result(Duration.ofSeconds(60)).result().toLowerCase()).contains("hello");
    EngineSupport.awaitStatus(hatchet, ref1.id(), "COMPLETED");

    RunRef<Result> ref2 = task.runNoWait(new IdempotencyInput(id, "success"), meta(id));
    assertThat(ref2.id()).isNotEqualTo(ref1.id());
    assertThat(ref2.result(Duration.ofSeconds(60)).result().toLowerCase()).contains("hello");
  }

  @Test
  void aStatusBasedKeyIsFreeAgainOnceARetryWasCancelled() {
    String id = UUID.randomUUID().toString();
    Task<IdempotencyInput, Result> task = example.idempotentStatusBasedTaskWithRetries;
    RunRef<Result> ref1 = task.runNoWait(new IdempotencyInput(id, "cancel"), meta(id));
    assertCollides(task, id, ref1.id());
    awaitRetry(id, 1);
    assertCollides(task, id, ref1.id());
    assertThatThrownBy(() -> ref1.result(Duration.ofSeconds(60))).isInstanceOf(RunFailedException.class);
    EngineSupport.awaitStatus(hatchet, ref1.id(), "CANCELLED");

    RunRef<Result> ref2 = task.runNoWait(new IdempotencyInput(id, "cancel"), meta(id));
    assertThat(ref2.id()).isNotEqualTo(ref1.id());
    assertThatThrownBy(() -> ref2.result(Duration.ofSeconds(60))).isInstanceOf(RunFailedException.class);
    EngineSupport.awaitStatus(hatchet, ref2.id(), "CANCELLED");
  }
}
