package run.hatchet.examples.workflowpause;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.client.RunRef;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.EngineSupport;
import run.hatchet.examples.workflowpause.WorkflowPauseExample.Result;
import run.hatchet.features.CronTrigger;
import run.hatchet.features.RunFilter;
import run.hatchet.features.RunStatus;
import run.hatchet.features.WorkflowsClient.PausedRunBehavior;
import run.hatchet.worker.Worker;

class WorkflowPauseIT {
  static Hatchet hatchet;
  static Worker worker;
  static WorkflowPauseExample example;
  static String workflowId;

  @BeforeAll
  static void start() {
    hatchet = EngineSupport.client(WorkflowPauseIT.class);
    example = new WorkflowPauseExample(hatchet);
    worker = hatchet.worker("pause-worker").register(example.pausableWorkflow).start();
    workflowId = hatchet.workflows().findByName("pausable_workflow").orElseThrow().id();
  }

  @AfterEach
  void unpause() {
    hatchet.workflows().unpause(workflowId);
  }

  @AfterAll
  static void stop() {
    EngineSupport.stop(worker, hatchet);
  }

  private static RunStatus status(String runId) {
    return hatchet.runs().status(runId);
  }

  @Test
  void aRunQueuedLongerThanTheQueueTtlIsCancelled() {
    hatchet.workflows().pause(workflowId, Duration.ofSeconds(1), PausedRunBehavior.QUEUE, PausedRunBehavior.QUEUE);
    EngineSupport.sleep(6_000); // the engine caches workflow settings for up to 5 s
    RunRef<Result> ref = example.pausableWorkflow.runNoWait(new EmptyModel());
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      RunStatus s = pollStatus(ref.id());
      if (s == RunStatus.CANCELLED) {
        return;
      }
      assertThat(s).as("run %s while paused", ref.id()).isEqualTo(RunStatus.QUEUED);
      assertThat(System.nanoTime()).as("run %s was not cancelled within 10 s", ref.id()).isLessThan(end);
      EngineSupport.sleep(1_000);
    }
  }

  @Test
  void unpausingReleasesTheQueuedRun() {
    hatchet.workflows().pause(workflowId, Duration.ofMinutes(10), PausedRunBehavior.QUEUE, PausedRunBehavior.QUEUE);
    EngineSupport.sleep(6_000); // the engine caches workflow settings for up to 5 s
    RunRef<Result> ref = example.pausableWorkflow.runNoWait(new EmptyModel());
    for (int i = 0; i < 3; i++) {
      assertThat(pollStatus(ref.id())).isEqualTo(RunStatus.QUEUED);
      EngineSupport.sleep(1_000);
    }
    hatchet.workflows().unpause(workflowId);
    // released by the engine's periodic re-queue, which can take a while
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      RunStatus s = status(ref.id());
      if (s == RunStatus.COMPLETED) {
        break;
      }
      assertThat(s).as("run %s after unpausing", ref.id()).isIn(RunStatus.QUEUED, RunStatus.RUNNING);
      assertThat(System.nanoTime()).as("run %s was not completed within 60 s", ref.id()).isLessThan(end);
      EngineSupport.sleep(1_000);
    }
    assertThat(ref.result(Duration.ofSeconds(10))).isEqualTo(new Result("Hello, world!"));
  }

  @Test
  void cronAndScheduledRunsAreDroppedWhilePausedWithDrop() {
    String testRunId = UUID.randomUUID().toString();
    Instant since = Instant.now().minusSeconds(5);
    hatchet.workflows().pause(workflowId, Duration.ofMinutes(1), PausedRunBehavior.DROP, PausedRunBehavior.DROP);
    EngineSupport.sleep(6_000); // the engine caches workflow settings for up to 5 s
    CronTrigger cron = hatchet.crons().create("pausable_workflow", testRunId + "_cron", "* * * * * *", null,
        Map.of("test_run_id", testRunId), null);
    try {
      hatchet.scheduled().create("pausable_workflow", Instant.now().plusSeconds(1), null,
          Map.of("test_run_id", testRunId), null);
      for (int i = 0; i < 10; i++) {
        assertThat(hatchet.runs().listIds(RunFilter.create().since(since).metadata("test_run_id", testRunId)))
            .as("runs after %d s", i).isEmpty();
        EngineSupport.sleep(1_000);
      }
    } finally {
      hatchet.crons().delete(cron.id());
    }
  }

  /** The run's status once the engine shows it (the run is briefly unknown right after the trigger). */
  private static RunStatus pollStatus(String runId) {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try {
        return status(runId);
      } catch (RuntimeException e) {
        if (System.nanoTime() > end) {
          throw e;
        }
        EngineSupport.sleep(250);
      }
    }
  }
}
