package run.hatchet.examples.concurrencycancelnewest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import run.hatchet.Hatchet;
import run.hatchet.client.BulkRun;
import run.hatchet.client.RunOptions;
import run.hatchet.client.RunRef;
import run.hatchet.client.WorkflowResult;
import run.hatchet.definition.Workflow;
import run.hatchet.examples.EngineSupport;
import run.hatchet.examples.concurrencycancelnewest.ConcurrencyCancelNewestExample.WorkflowInput;
import run.hatchet.worker.Worker;

@Execution(ExecutionMode.CONCURRENT)
class ConcurrencyCancelNewestIT {
  static Hatchet hatchet;
  static Worker worker;
  static ConcurrencyCancelNewestExample example;

  @BeforeAll
  static void start() {
    hatchet = EngineSupport.client(ConcurrencyCancelNewestIT.class);
    example = new ConcurrencyCancelNewestExample(hatchet);
    worker = hatchet.worker("concurrency-cancel-newest-worker")
        .register(example.concurrencyCancelNewestWorkflow, example.concurrencyCancelNewestTaskLevelWorkflow).start();
  }

  @AfterAll
  static void stop() {
    EngineSupport.stop(worker, hatchet);
  }

  /** One run, then ten more of the same group while it runs: the first completes, the ten are cancelled. */
  static void theFirstRunCompletesAndTheNewerOnesAreCancelled(Workflow<WorkflowInput> workflow) {
    String testRunId = UUID.randomUUID().toString();
    RunOptions meta = RunOptions.create().metadata("test_run_id", testRunId);
    RunRef<WorkflowResult> toRun = workflow.runNoWait(new WorkflowInput("A"), meta);
    EngineSupport.sleep(1_000);
    List<BulkRun<WorkflowInput>> items = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      items.add(BulkRun.of(new WorkflowInput("A"), RunOptions.create().metadata("test_run_id", testRunId)));
    }
    List<RunRef<WorkflowResult>> toCancel = workflow.runManyNoWait(items);

    toRun.result(Duration.ofSeconds(60));
    for (RunRef<WorkflowResult> ref : toCancel) {
      try {
        ref.result(Duration.ofSeconds(60));
      } catch (RuntimeException cancelled) {
        // expected
      }
    }
    assertThat(EngineSupport.awaitStatus(hatchet, toRun.id(), "COMPLETED").path("run").path("status").asText())
        .isEqualTo("COMPLETED");
    List<JsonNode> runs = EngineSupport.awaitRuns(hatchet, Map.of("additional_metadata", "test_run_id:" + testRunId),
        rows -> rows.size() == 11 && EngineSupport.allFinished(rows), Duration.ofSeconds(30));
    for (JsonNode r : runs) {
      if (!r.path("metadata").path("id").asText().equals(toRun.id())) {
        assertThat(r.path("status").asText()).isEqualTo("CANCELLED");
      }
    }
  }

  @Test
  void workflowLevel() {
    theFirstRunCompletesAndTheNewerOnesAreCancelled(example.concurrencyCancelNewestWorkflow);
  }

  @Test
  void taskLevel() {
    theFirstRunCompletesAndTheNewerOnesAreCancelled(example.concurrencyCancelNewestTaskLevelWorkflow);
  }
}
