package run.hatchet.examples.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.client.RunOptions;
import run.hatchet.client.RunRef;
import run.hatchet.client.WorkflowResult;
import run.hatchet.examples.EngineSupport;
import run.hatchet.examples.fanout.FanoutExample.ParentInput;
import run.hatchet.examples.fanout.FanoutExample.SpawnOutput;
import run.hatchet.worker.Worker;

class FanoutIT {
  static Hatchet hatchet;
  static Worker worker;
  static FanoutExample example;

  @BeforeAll
  static void start() {
    hatchet = EngineSupport.client(FanoutIT.class);
    example = new FanoutExample(hatchet);
    worker = hatchet.worker("fanout-worker").slots(40).register(example.parentWf, example.childWf).start();
  }

  @AfterAll
  static void stop() {
    EngineSupport.stop(worker, hatchet);
  }

  @Test
  void theParentCollectsTheResultsOfItsChildren() {
    RunRef<WorkflowResult> ref = example.parentWf.runNoWait(new ParentInput(2));
    SpawnOutput out = ref.result(Duration.ofSeconds(60)).output(example.spawn);
    assertThat(out.results()).hasSize(2);
    assertThat(out.results().get(1).get("process").toString()).isEqualTo("{\"status\":\"1\"}");
    assertThat(out.results().get(1).get("process2").toString()).isEqualTo("{\"status2\":\"12\"}");
  }

  @Test
  void theParentsMetadataReachesTheChildren() {
    String testRunId = UUID.randomUUID().toString().replace("-", "");
    RunRef<WorkflowResult> ref = example.parentWf.runNoWait(new ParentInput(2),
        RunOptions.create().metadata("test_run_id", testRunId));
    ref.result(Duration.ofSeconds(60));

    List<JsonNode> runs = EngineSupport.awaitRuns(hatchet, Map.of("additional_metadata", "test_run_id:" + testRunId),
        rows -> rows.size() == 3 && EngineSupport.allFinished(rows), Duration.ofSeconds(30));
    List<JsonNode> children = runs.stream()
        .filter(r -> r.path("workflowName").asText().equals(hatchet.config().applyNamespace("FanoutChild"))).toList();
    assertThat(children).hasSize(2);
    for (JsonNode child : children) {
      assertThat(child.path("additionalMetadata").path("test_run_id").asText()).isEqualTo(testRunId);
      assertThat(child.path("additionalMetadata").path("hello").asText()).isEqualTo("earth");
      assertThat(child.path("parentTaskExternalId").asText()).isNotBlank();
    }
  }
}
