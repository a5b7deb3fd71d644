package run.hatchet.examples.concurrencycancelinprogress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import run.hatchet.Hatchet;
import run.hatchet.client.RunOptions;
import run.hatchet.client.RunRef;
import run.hatchet.client.WorkflowResult;
import run.hatchet.definition.Workflow;
import run.hatchet.examples.EngineSupport;
import run.hatchet.examples.concurrencycancelinprogress.ConcurrencyCancelInProgressExample.WorkflowInput;
import run.hatchet.worker.Worker;

@Execution(ExecutionMode.CONCURRENT)
class ConcurrencyCancelInProgressIT {
  static Hatchet hatchet;
  static Worker worker;
  static ConcurrencyCancelInProgressExample example;

  @BeforeAll
  static void start() {
    hatchet = EngineSupport.client(ConcurrencyCancelInProgressIT.class);
    example = new ConcurrencyCancelInProgressExample(hatchet);
    worker = hatchet.worker("concurrency-cancel-in-progress-worker")
        .register(example.concurrencyCancelInProgressWorkflow, example.concurrencyCancelInProgressTaskLevelWorkflow).start();
  }

  @AfterAll
  static void stop() {
    EngineSupport.stop(worker, hatchet);
  }

  /** Ten runs of group A a second apart: the newest completes, every older one is cancelled. */
  static void onlyTheNewestRunCompletes(Workflow<WorkflowInput> workflow) {
    String testRunId = UUID.randomUUID().toString();
    List<RunRef<WorkflowResult>> refs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      refs.add(workflow.runNoWait(new WorkflowInput("A"),
          RunOptions.create().metadata("test_run_id", testRunId).metadata("i", String.valueOf(i))));
      EngineSupport.sleep(1_000);
    }
    for (RunRef<WorkflowResult> ref : refs) {
      try {
        ref.result(Duration.ofSeconds(60));
      } catch (RuntimeException cancelled) {
        // expected for all but the last
      }
    }
    List<JsonNode> runs = EngineSupport.awaitRuns(hatchet, Map.of("additional_metadata", "test_run_id:" + testRunId),
        rows -> rows.size() == 10 && EngineSupport.allFinished(rows), Duration.ofSeconds(30));
    runs = new ArrayList<>(runs);
    runs.sort(Comparator.comparingInt(r -> r.path("additionalMetadata").path("i").asInt()));
    JsonNode last = runs.get(9);
    assertThat(last.path("additionalMetadata").path("i").asText()).isEqualTo("9");
    assertThat(last.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(runs.subList(0, 9)).allSatisfy(r -> assertThat(r.path("status").asText()).isEqualTo("CANCELLED"));
  }

  @Test
  void workflowLevel() {
    onlyTheNewestRunCompletes(example.concurrencyCancelInProgressWorkflow);
  }

  @Test
  void taskLevel() {
    onlyTheNewestRunCompletes(example.concurrencyCancelInProgressTaskLevelWorkflow);
  }
}
