package run.hatchet.examples.bulkoperations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.client.BulkRun;
import run.hatchet.client.RunOptions;
import run.hatchet.definition.Task;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.EngineSupport;
import run.hatchet.features.RunFilter;
import run.hatchet.features.RunStatus;
import run.hatchet.features.TaskSummary;
import run.hatchet.worker.Worker;

class BulkOperationsIT {
  static Hatchet hatchet;
  static Worker worker;
  static BulkOperationsExample example;

  @BeforeAll
  static void start() {
    hatchet = EngineSupport.client(BulkOperationsIT.class);
    example = new BulkOperationsExample(hatchet);
    worker = hatchet.worker("bulk-replay-test-worker").slots(50)
        .register(example.bulkReplayTest1, example.bulkReplayTest2, example.bulkReplayTest3).start();
  }

  @AfterAll
  static void stop() {
    EngineSupport.stop(worker, hatchet);
  }

  private static String id(String name) {
    return hatchet.workflows().findByName(name).orElseThrow().id();
  }

  private static void trigger(Task<EmptyModel, Void> task, int count, String testRunId) {
    List<BulkRun<EmptyModel>> runs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      runs.add(BulkRun.of(new EmptyModel(), RunOptions.create().metadata("test_run_id", testRunId)));
    }
    task.runManyNoWait(runs);
  }

  private static String statuses(List<TaskSummary> rows) {
    Map<RunStatus, Integer> counts = new TreeMap<>();
    rows.forEach(r -> counts.merge(r.status(), 1, Integer::sum));
    return counts.toString();
  }

  private static List<TaskSummary> await(RunFilter filter, Predicate<List<TaskSummary>> done, String what) {
    long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    List<TaskSummary> rows = List.of();
    while (System.nanoTime() < end) {
      rows = hatchet.runs().list(filter, 0, 1000).items();
      if (done.test(rows)) {
        return rows;
      }
      EngineSupport.sleep(1_000);
    }
    throw new AssertionError(what + " within 90 s; " + rows.size() + " runs: " + statuses(rows));
  }

  @Test
  void failedRunsOfThreeWorkflowsAreReplayedByOneFilter() {
    String testRunId = UUID.randomUUID().toString();
    int n = 100;
    int expectedTotal = n + 1 + (n / 2 - 1) + (n / 2 - 2);
    Instant testStart = Instant.now().minusSeconds(1);
    String id1 = id("bulk_replay_test_1");
    String id2 = id("bulk_replay_test_2");
    String id3 = id("bulk_replay_test_3");
    RunFilter filter = RunFilter.create().workflowIds(id1, id2, id3).since(testStart).metadata("test_run_id", testRunId);

    trigger(example.bulkReplayTest1, n + 1, testRunId);
    trigger(example.bulkReplayTest2, n / 2 - 1, testRunId);
    trigger(example.bulkReplayTest3, n / 2 - 2, testRunId);

    await(filter, rows -> rows.size() == expectedTotal && rows.stream().allMatch(r -> r.status() == RunStatus.FAILED),
        "all " + expectedTotal + " runs FAILED before the replay");

    hatchet.runs().replay(filter);

    List<TaskSummary> rows = await(filter, rs -> rs.size() == expectedTotal && rs.stream().allMatch(
            r -> r.status() == RunStatus.COMPLETED && r.retryCount() >= 1 && r.attempt() >= 2),
        "all " + expectedTotal + " runs COMPLETED with retryCount >= 1 and attempt >= 2 after the replay");

    assertThat(rows).hasSize(expectedTotal);
    assertThat(rows.stream().filter(r -> id1.equals(r.workflowId()))).hasSize(n + 1);
    assertThat(rows.stream().filter(r -> id2.equals(r.workflowId()))).hasSize(n / 2 - 1);
    assertThat(rows.stream().filter(r -> id3.equals(r.workflowId()))).hasSize(n / 2 - 2);
  }
}
