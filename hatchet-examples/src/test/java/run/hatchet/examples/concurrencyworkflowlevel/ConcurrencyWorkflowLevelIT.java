package run.hatchet.examples.concurrencyworkflowlevel;

import static org.assertj.core.api.Assertions.assertThat;
import static run.hatchet.examples.concurrencyworkflowlevel.ConcurrencyWorkflowLevelExample.DIGIT_MAX_RUNS;
import static run.hatchet.examples.concurrencyworkflowlevel.ConcurrencyWorkflowLevelExample.NAME_MAX_RUNS;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.client.BulkRun;
import run.hatchet.client.RunOptions;
import run.hatchet.client.RunRef;
import run.hatchet.client.WorkflowResult;
import run.hatchet.examples.EngineSupport;
import run.hatchet.examples.concurrencyworkflowlevel.ConcurrencyWorkflowLevelExample.WorkflowInput;
import run.hatchet.worker.Worker;

class ConcurrencyWorkflowLevelIT {
  static final List<String> CHARACTERS = List.of("Anna", "Vronsky", "Stiva", "Dolly", "Levin", "Karenin");
  /** Upstream triggers 100 runs; 18 prove the same in a fraction of the time (each run has two tasks). */
  static final int RUNS = 18;

  static Hatchet hatchet;
  static Worker worker;
  static ConcurrencyWorkflowLevelExample example;

  @BeforeAll
  static void start() {
    hatchet = EngineSupport.client(ConcurrencyWorkflowLevelIT.class);
    example = new ConcurrencyWorkflowLevelExample(hatchet);
    worker = hatchet.worker("concurrency-worker-workflow-level").slots(10)
        .register(example.concurrencyWorkflowLevelWorkflow).start();
  }

  @AfterAll
  static void stop() {
    EngineSupport.stop(worker, hatchet);
  }

  @Test
  void noDigitAndNoNameEverRunsMoreOftenThanItsLimit() {
    String testRunId = UUID.randomUUID().toString();
    Random random = new Random();
    List<BulkRun<WorkflowInput>> items = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      String name = CHARACTERS.get(random.nextInt(CHARACTERS.size()));
      String digit = String.valueOf(random.nextInt(6));
      items.add(BulkRun.of(new WorkflowInput(name, digit), RunOptions.create()
          .metadata("test_run_id", testRunId).metadata("key", name + "-" + digit).metadata("name", name).metadata("digit", digit)));
    }
    for (RunRef<WorkflowResult> ref : example.concurrencyWorkflowLevelWorkflow.runManyNoWait(items)) {
      ref.result(Duration.ofMinutes(2));
    }

    String workflowId = EngineSupport.workflowId(hatchet, example.concurrencyWorkflowLevelWorkflow.name());
    List<JsonNode> runs = EngineSupport.awaitRuns(hatchet,
        Map.of("workflow_ids", workflowId, "additional_metadata", "test_run_id:" + testRunId),
        rows -> rows.size() == RUNS && EngineSupport.allFinished(rows), Duration.ofSeconds(30));
    assertThat(runs).allSatisfy(r -> assertThat(r.path("status").asText()).isEqualTo("COMPLETED"));
    int digitPeak = EngineSupport.peakConcurrency(runs, r -> r.path("additionalMetadata").path("digit").asText());
    int namePeak = EngineSupport.peakConcurrency(runs, r -> r.path("additionalMetadata").path("name").asText());
    assertThat(digitPeak).isBetween(1, DIGIT_MAX_RUNS);
    assertThat(namePeak).isBetween(1, NAME_MAX_RUNS);
  }
}
