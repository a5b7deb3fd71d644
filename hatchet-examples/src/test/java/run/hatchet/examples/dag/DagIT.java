package run.hatchet.examples.dag;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.client.WorkflowResult;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.EngineSupport;
import run.hatchet.worker.Worker;

class DagIT {
  static Hatchet hatchet;
  static Worker worker;
  static DagExample example;

  @BeforeAll
  static void start() {
    hatchet = EngineSupport.client(DagIT.class);
    example = new DagExample(hatchet);
    worker = hatchet.worker("dag-worker").register(example.dagWorkflow).start();
  }

  @AfterAll
  static void stop() {
    EngineSupport.stop(worker, hatchet);
  }

  @Test
  void step3SumsTheRandomNumbersOfStep1AndStep2() {
    WorkflowResult result = example.dagWorkflow.run(new EmptyModel());
    int one = result.output(example.step1).randomNumber();
    int two = result.output(example.step2).randomNumber();
    assertThat(result.output(example.step3).sum()).isEqualTo(one + two);
    assertThat(result.output(example.step4).step4()).isEqualTo("step4");
    // the JSON other SDKs read
    assertThat(result.outputJson("step1")).isEqualTo("{\"random_number\":" + one + "}");
    assertThat(result.outputJson("step3")).isEqualTo("{\"sum\":" + (one + two) + "}");
    assertThat(result.outputJson("step4")).isEqualTo("{\"step4\":\"step4\"}");
    JsonNode details = EngineSupport.awaitStatus(hatchet, result.runId(), "COMPLETED");
    assertThat(details.path("tasks")).hasSize(4);
  }
}
