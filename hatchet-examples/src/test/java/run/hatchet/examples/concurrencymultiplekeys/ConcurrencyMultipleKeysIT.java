package run.hatchet.examples.concurrencymultiplekeys;

import static org.assertj.core.api.Assertions.assertThat;
import static run.hatchet.examples.concurrencymultiplekeys.ConcurrencyMultipleKeysExample.DIGIT_MAX_RUNS;
import static run.hatchet.examples.concurrencymultiplekeys.ConcurrencyMultipleKeysExample.NAME_MAX_RUNS;

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
import run.hatchet.examples.concurrencymultiplekeys.ConcurrencyMultipleKeysExample.WorkflowInput;
import run.hatchet.worker.Worker;

class ConcurrencyMultipleKeysIT {
  static final List<String> CHARACTERS = List.of("Anna", "Vronsky", "Stiva", "Dolly", "Levin", "Karenin");
  /** Upstream triggers 100 runs; 24 prove the same in a fraction of the time. */
  static final int RUNS = 24;

  static Hatchet hatchet;
  static Worker worker;
  static ConcurrencyMultipleKeysExample example;

  @BeforeAll
  static void start() {
    hatchet = EngineSupport.client(ConcurrencyMultipleKeysIT.class);
    example = new ConcurrencyMultipleKeysExample(hatchet);
    worker = hatchet.worker("concurrency-worker-multiple-keys").slots(10)
        .register(example.concurrencyMultipleKeysWorkflow).start();
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
    for (RunRef<WorkflowResult> ref : example.concurrencyMultipleKeysWorkflow.runManyNoWait(items)) {
      ref.result(Duration.ofMinutes(2));
    }

    String workflowId = EngineSupport.workflowId(hatchet, example.concurrencyMultipleKeysWorkflow.name());
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
