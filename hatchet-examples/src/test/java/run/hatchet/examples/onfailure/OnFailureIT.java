package run.hatchet.examples.onfailure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import run.hatchet.Hatchet;
import run.hatchet.client.RunRef;
import run.hatchet.client.WorkflowResult;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.EngineSupport;
import run.hatchet.worker.Worker;

@Execution(ExecutionMode.CONCURRENT)
class OnFailureIT {
  static Hatchet hatchet;
  static Worker worker;
  static OnFailureExample example;

  @BeforeAll
  static void start() {
    hatchet = EngineSupport.client(OnFailureIT.class);
    example = new OnFailureExample(hatchet);
    worker = hatchet.worker("on-failure-worker").slots(4)
        .register(example.onFailureWf, example.onFailureWfWithDetails).start();
  }

  @AfterAll
  static void stop() {
    EngineSupport.stop(worker, hatchet);
  }

  /** The run's two tasks once both have finished. */
  static List<JsonNode> finishedTasks(String runId) {
    JsonNode d = EngineSupport.awaitRun(hatchet, runId, x -> {
      List<String> s = new ArrayList<>();
      x.path("tasks").forEach(t -> s.add(t.path("status").asText()));
      return s.size() == 2 && s.stream().allMatch(st -> st.equals("COMPLETED") || st.equals("FAILED"));
    }, Duration.ofSeconds(60));
    List<JsonNode> tasks = new ArrayList<>();
    d.path("tasks").forEach(tasks::add);
    return tasks;
  }

  @Test
  void theOnFailureTaskRunsAfterTheFailure() {
    RunRef<WorkflowResult> ref = example.onFailureWf.runNoWait(new EmptyModel());
    assertThatThrownBy(() -> ref.result(Duration.ofSeconds(60))).hasMessageContaining("step1 failed");

    List<JsonNode> tasks = finishedTasks(ref.id());
    JsonNode completed = tasks.stream().filter(t -> t.path("status").asText().equals("COMPLETED")).findFirst().orElseThrow();
    JsonNode failed = tasks.stream().filter(t -> t.path("status").asText().equals("FAILED")).findFirst().orElseThrow();
    assertThat(completed.path("displayName").asText()).contains("on_failure");
    assertThat(failed.path("displayName").asText()).contains("step1");
    assertThat(completed.path("output").toString()).isEqualTo("{\"status\":\"success\"}");
  }

  @Test
  void theOnFailureTaskSeesTheErrorOfTheFailedTask() {
    RunRef<WorkflowResult> ref = example.onFailureWfWithDetails.runNoWait(new EmptyModel());
    assertThatThrownBy(() -> ref.result(Duration.ofSeconds(60))).hasMessageContaining("step1 failed");

    JsonNode onFailure = finishedTasks(ref.id()).stream()
        .filter(t -> t.path("displayName").asText().startsWith("details_on_failure")).findFirst().orElseThrow();
    assertThat(onFailure.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(onFailure.path("output").toString()).isEqualTo("{\"status\":\"success\"}");
  }
}
