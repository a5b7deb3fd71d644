package run.hatchet.examples.child;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.client.RunRef;
import run.hatchet.client.WorkflowResult;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.EngineSupport;
import run.hatchet.examples.child.ChildExample.SimpleInput;
import run.hatchet.examples.child.ChildExample.SpawnOutput;
import run.hatchet.worker.Worker;

class ChildIT {
  static Hatchet hatchet;
  static Worker worker;
  static ChildExample example;

  @BeforeAll
  static void start() {
    hatchet = EngineSupport.client(ChildIT.class);
    example = new ChildExample(hatchet);
    worker = hatchet.worker("test-worker").slots(5).register(example.childTask, example.spawn).start();
  }

  @AfterAll
  static void stop() {
    EngineSupport.stop(worker, hatchet);
  }

  @Test
  void theWorkflowUpperCasesTheMessage() {
    WorkflowResult r = example.childTask.run(new SimpleInput("Hello, World!"));
    assertThat(r.output(example.step1).transformedMessage()).isEqualTo("HELLO, WORLD!");
    assertThat(r.outputJson("step1")).isEqualTo("{\"transformed_message\":\"HELLO, WORLD!\"}");
  }

  @Test
  void bulkRunsReturnResultsInInputOrder() {
    List<WorkflowResult> results = example.childTask.runMany(List.of(
        new SimpleInput("Hello, World!"), new SimpleInput("Hello, Moon!"), new SimpleInput("Hello, Mars!")));
    assertThat(results).extracting(r -> r.output(example.step1).transformedMessage())
        .containsExactly("HELLO, WORLD!", "HELLO, MOON!", "HELLO, MARS!");
  }

  @Test
  void aTaskRunsTheWorkflowAsItsChildAndReturnsItsResult() {
    RunRef<SpawnOutput> ref = example.spawn.runNoWait(new EmptyModel());
    SpawnOutput out = ref.result();
    assertThat(out.results().get("step1").transformedMessage()).isEqualTo("HELLO, WORLD!");

    // the engine links the child run to the task that started it
    JsonNode parentTask = EngineSupport.awaitStatus(hatchet, ref.id(), "COMPLETED").path("tasks").get(0);
    List<JsonNode> children = EngineSupport.listRuns(hatchet,
        java.util.Map.of("parent_task_external_id", parentTask.path("taskExternalId").asText()));
    assertThat(children).hasSize(1);
    assertThat(children.get(0).path("workflowName").asText()).isEqualTo(hatchet.config().applyNamespace("SimpleWorkflow"));
  }
}
