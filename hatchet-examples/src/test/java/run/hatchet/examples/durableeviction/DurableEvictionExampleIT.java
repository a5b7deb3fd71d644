package run.hatchet.examples.durableeviction;

import static org.assertj.core.api.Assertions.assertThat;
import static run.hatchet.examples.durableeviction.DurableEvictionExample.EVENT_KEY;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import run.hatchet.Hatchet;
import run.hatchet.client.RunRef;
import run.hatchet.definition.Definition;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.EngineSupport;
import run.hatchet.examples.durableeviction.DurableEvictionExample.BranchChildOutput;
import run.hatchet.examples.durableeviction.DurableEvictionExample.BulkChildTaskOutput;
import run.hatchet.examples.durableeviction.DurableEvictionExample.ChildSpawnResult;
import run.hatchet.examples.durableeviction.DurableEvictionExample.ChildStatus;
import run.hatchet.examples.durableeviction.DurableEvictionExample.ConcurrentBranchesResult;
import run.hatchet.examples.durableeviction.DurableEvictionExample.Status;
import run.hatchet.features.RunDetails;
import run.hatchet.features.RunStatus;
import run.hatchet.features.TaskSummary;
import run.hatchet.worker.Worker;

/**
 * The upstream eviction example's scenarios, run concurrently. As upstream, {@code capacity_evictable_sleep}
 * has a worker of its own with a single durable slot, and the graceful-termination case a worker (in a
 * namespace of its own) that it shuts down.
 */
@Execution(ExecutionMode.CONCURRENT)
class DurableEvictionExampleIT {
  static final Duration TIMEOUT = Duration.ofSeconds(120);
  static final String CAPACITY_WORKER = "capacity worker";

  static Hatchet hatchet;
  static Worker worker;
  static Worker capacityWorker;
  static DurableEvictionExample example;

  @BeforeAll
  static void start() {
    hatchet = EngineSupport.client(DurableEvictionExampleIT.class);
    example = new DurableEvictionExample(hatchet);
    worker = hatchet.worker("eviction-worker").slots(50).durableSlots(50)
        .register(example.definitions().toArray(new Definition<?, ?>[0])).start();
    capacityWorker = hatchet.worker("capacity-eviction-worker").durableSlots(1).register(example.capacityEvictableSleep).start();
  }

  @AfterAll
  static void stop() {
    if (capacityWorker != null) {
      capacityWorker.shutdown(Duration.ofSeconds(5));
    }
    EngineSupport.stop(worker, hatchet);
  }

  static RunDetails pollUntil(Hatchet h, String runId, Predicate<RunDetails> done) {
    long end = System.nanoTime() + TIMEOUT.toNanos();
    RunDetails last = null;
    while (System.nanoTime() < end) {
      try {
        last = h.runs().get(runId);
        if (done.test(last)) {
          return last;
        }
      } catch (RuntimeException e) {
        // not visible yet
      }
      EngineSupport.sleep(200);
    }
    throw new AssertionError("run " + runId + " did not reach the expected state within " + TIMEOUT + "; last: " + last);
  }

  static RunDetails pollUntilRunning(Hatchet h, String runId) {
    return pollUntil(h, runId, d -> d.tasks().stream().anyMatch(t -> t.status() == RunStatus.RUNNING));
  }

  static RunDetails pollUntilEvicted(Hatchet h, String runId) {
    return pollUntil(h, runId, DurableEvictionExampleIT::hasEvictedTask);
  }

  static boolean hasEvictedTask(RunDetails d) {
    return d.tasks().stream().anyMatch(TaskSummary::evicted);
  }

  static String taskId(RunDetails d) {
    return d.tasks().get(0).taskRunId();
  }

  /** Waits for eviction, restores the task, and returns its id. */
  static String evictAndRestore(String runId) {
    pollUntilRunning(hatchet, runId);
    String taskId = taskId(pollUntilEvicted(hatchet, runId));
    assertThat(hatchet.runs().restoreTask(taskId)).isTrue();
    return taskId;
  }

  static double secondsSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  void nonEvictableTaskCompletes() {
    long start = System.nanoTime();
    assertThat(example.nonEvictableSleep.run(new EmptyModel()).status()).isEqualTo("completed");
    assertThat(secondsSince(start)).isGreaterThanOrEqualTo(10);
  }

  @Test
  void nonEvictableTaskNotEvicted() {
    RunRef<Status> ref = example.nonEvictableSleep.runNoWait(new EmptyModel());
    pollUntilRunning(hatchet, ref.id());
    EngineSupport.sleep(20_000); // well past the five-second TTL of the evictable tasks
    assertThat(hasEvictedTask(hatchet.runs().get(ref.id()))).as("a non-evictable task is never evicted").isFalse();
    assertThat(ref.result(TIMEOUT).status()).isEqualTo("completed");
  }

  @Test
  void evictableTaskIsEvicted() {
    RunRef<Status> ref = example.evictableSleep.runNoWait(new EmptyModel());
    pollUntilRunning(hatchet, ref.id());
    assertThat(hasEvictedTask(pollUntilEvicted(hatchet, ref.id()))).isTrue();
  }

  @Test
  void evictableTaskRestore() {
    RunRef<Status> ref = example.evictableSleep.runNoWait(new EmptyModel());
    evictAndRestore(ref.id());
    RunDetails details = pollUntilRunning(hatchet, ref.id());
    assertThat(details.tasks()).extracting(TaskSummary::status).contains(RunStatus.RUNNING);
  }

  @Test
  void evictableTaskRestoreCompletes() {
    long start = System.nanoTime();
    RunRef<Status> ref = example.evictableSleep.runNoWait(new EmptyModel());
    evictAndRestore(ref.id());
    assertThat(ref.result(TIMEOUT).status()).isEqualTo("completed");
    assertThat(secondsSince(start)).isGreaterThanOrEqualTo(15);
  }

  @Test
  @ResourceLock(EVENT_KEY)
  void evictableWaitForEventIsEvicted() {
    RunRef<Status> ref = example.evictableWaitForEvent.runNoWait(new EmptyModel());
    pollUntilRunning(hatchet, ref.id());
    assertThat(hasEvictedTask(pollUntilEvicted(hatchet, ref.id()))).isTrue();
  }

  @Test
  @ResourceLock(EVENT_KEY)
  void evictableWaitForEventRestore() {
    RunRef<Status> ref = example.evictableWaitForEvent.runNoWait(new EmptyModel());
    evictAndRestore(ref.id());
    pollUntilRunning(hatchet, ref.id());
    hatchet.events().push(EVENT_KEY, Map.of());
    assertThat(ref.result(TIMEOUT).status()).isEqualTo("completed");
  }

  @Test
  void evictableChildSpawnIsEvicted() {
    RunRef<ChildSpawnResult> ref = example.evictableChildSpawn.runNoWait(new EmptyModel());
    pollUntilRunning(hatchet, ref.id());
    assertThat(hasEvictedTask(pollUntilEvicted(hatchet, ref.id()))).isTrue();
  }

  @Test
  void evictableChildSpawnRestore() {
    RunRef<ChildSpawnResult> ref = example.evictableChildSpawn.runNoWait(new EmptyModel());
    evictAndRestore(ref.id());
    RunDetails details = pollUntilRunning(hatchet, ref.id());
    assertThat(details.tasks()).extracting(TaskSummary::status).contains(RunStatus.RUNNING);
  }

  @Test
  void evictableChildSpawnRestoreCompletes() {
    RunRef<ChildSpawnResult> ref = example.evictableChildSpawn.runNoWait(new EmptyModel());
    evictAndRestore(ref.id());
    ChildSpawnResult result = ref.result(TIMEOUT);
    assertThat(result.status()).isEqualTo("completed");
    assertThat(result.child()).isEqualTo(new ChildStatus("completed"));
  }

  @Test
  void evictableChildBulkSpawnRestoreCompletes() {
    RunRef<DurableEvictionExample.BulkSpawnResult> ref = example.evictableChildBulkSpawn.runNoWait(new EmptyModel());
    int evictions = 0;
    for (int i = 0; i < 3; i++) {
      evictAndRestore(ref.id());
      evictions++;
    }
    List<BulkChildTaskOutput> results = ref.result(TIMEOUT).childResults();
    assertThat(evictions).isEqualTo(3);
    assertThat(results).containsExactly(new BulkChildTaskOutput(10, "completed"), new BulkChildTaskOutput(20, "completed"),
        new BulkChildTaskOutput(30, "completed"));
  }

  @Test
  void multipleEvictionCycle() {
    long start = System.nanoTime();
    RunRef<Status> ref = example.multipleEviction.runNoWait(new EmptyModel());
    evictAndRestore(ref.id()); // first sleep
    evictAndRestore(ref.id()); // second sleep
    assertThat(ref.result(TIMEOUT).status()).isEqualTo("completed");
    assertThat(secondsSince(start)).isGreaterThanOrEqualTo(30);
  }

  @Test
  void gracefulTerminationEvictsWaitingRuns() {
    // a worker of its own (its own namespace) so that only it can take the run
    Hatchet own = EngineSupport.client(DurableEvictionExampleIT.class);
    Worker ownWorker = null;
    try {
      DurableEvictionExample ownExample = new DurableEvictionExample(own);
      ownWorker = own.worker("eviction-worker").register(ownExample.evictableSleep).start();
      RunRef<Status> ref = ownExample.evictableSleep.runNoWait(new EmptyModel());
      pollUntilRunning(own, ref.id());
      ownWorker.shutdown(Duration.ofSeconds(5)); // what SIGTERM does through the shutdown hook
      assertThat(hasEvictedTask(pollUntilEvicted(own, ref.id()))).isTrue();
    } finally {
      EngineSupport.stop(ownWorker, own);
    }
  }

  @Test
  void evictionPlusReplay() {
    RunRef<Status> ref = example.evictableSleep.runNoWait(new EmptyModel());
    pollUntilRunning(hatchet, ref.id());
    pollUntilEvicted(hatchet, ref.id());
    hatchet.runs().replay(ref.id());
    assertThat(ref.result(TIMEOUT).status()).isEqualTo("completed");
  }

  @Test
  void evictableCancelAfterEviction() {
    RunRef<Status> ref = example.evictableSleep.runNoWait(new EmptyModel());
    pollUntilRunning(hatchet, ref.id());
    assertThat(hasEvictedTask(pollUntilEvicted(hatchet, ref.id()))).isTrue();
    hatchet.runs().cancel(ref.id());
    pollUntil(hatchet, ref.id(), d -> d.status() == RunStatus.CANCELLED);
    assertThat(hatchet.runs().status(ref.id())).isEqualTo(RunStatus.CANCELLED);
  }

  @Test
  @ResourceLock(CAPACITY_WORKER)
  void capacityEvictionFires() {
    RunRef<Status> ref = example.capacityEvictableSleep.runNoWait(new EmptyModel());
    pollUntilRunning(hatchet, ref.id());
    assertThat(hasEvictedTask(pollUntilEvicted(hatchet, ref.id()))).as("evicted without a TTL, for its slot").isTrue();
    hatchet.runs().cancel(ref.id()); // leave the single slot to the next case
    pollUntil(hatchet, ref.id(), d -> d.status() == RunStatus.CANCELLED);
  }

  @Test
  @ResourceLock(CAPACITY_WORKER)
  void capacityEvictionRestoreCompletes() {
    RunRef<Status> ref = example.capacityEvictableSleep.runNoWait(new EmptyModel());
    evictAndRestore(ref.id());
    assertThat(ref.result(TIMEOUT).status()).isEqualTo("completed");
  }

  @Test
  void restoreIdempotency() {
    RunRef<Status> ref = example.evictableSleep.runNoWait(new EmptyModel());
    pollUntilRunning(hatchet, ref.id());
    String taskId = taskId(pollUntilEvicted(hatchet, ref.id()));
    hatchet.runs().restoreTask(taskId);
    hatchet.runs().restoreTask(taskId);
    assertThat(ref.result(TIMEOUT).status()).isEqualTo("completed");
  }

  @Test
  void concurrentBranchesReplayPreservesOrder() {
    RunRef<ConcurrentBranchesResult> ref = example.concurrentBranches.runNoWait(new EmptyModel());
    ref.result(TIMEOUT);
    EngineSupport.awaitStatus(hatchet, ref.id(), "COMPLETED");
    int attempt = hatchet.runs().get(ref.id()).tasks().get(0).retryCount();

    hatchet.runs().replay(ref.id());
    RunDetails done = pollUntil(hatchet, ref.id(), d -> d.status() == RunStatus.COMPLETED && d.tasks().get(0).retryCount() > attempt);
    ConcurrentBranchesResult result = hatchet.serializer().fromJson(done.tasks().get(0).output().toString(), ConcurrentBranchesResult.class);

    assertThat(result.status()).isEqualTo("completed");
    assertThat(result.a()).isEqualTo(Map.of("first", new BranchChildOutput("a-first"), "second", new BranchChildOutput("a-second")));
    assertThat(result.b()).isEqualTo(Map.of("first", new BranchChildOutput("b-first"), "second", new BranchChildOutput("b-second")));
  }
}
