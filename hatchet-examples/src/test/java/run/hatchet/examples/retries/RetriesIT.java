package run.hatchet.examples.retries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import run.hatchet.Hatchet;
import run.hatchet.client.RunFailedException;
import run.hatchet.client.RunRef;
import run.hatchet.client.WorkflowResult;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.EngineSupport;
import run.hatchet.examples.retries.RetriesExample.Status;
import run.hatchet.worker.Worker;

@Execution(ExecutionMode.CONCURRENT)
class RetriesIT {
  static Hatchet hatchet;
  static Worker worker;
  static RetriesExample example;

  @BeforeAll
  static void start() {
    hatchet = EngineSupport.client(RetriesIT.class);
    example = new RetriesExample(hatchet);
    worker = hatchet.worker("backoff-worker").slots(4).register(example.simpleWorkflow, example.backoffWorkflow).start();
  }

  @AfterAll
  static void stop() {
    EngineSupport.stop(worker, hatchet);
  }

  /** Task display name prefix to the task's summary in the run details. */
  static Map<String, JsonNode> tasksByName(JsonNode details) {
    Map<String, JsonNode> out = new HashMap<>();
    details.path("tasks").forEach(t -> out.put(t.path("displayName").asText().replaceFirst("-\\d+$", ""), t));
    return out;
  }

  @Test
  void aTaskThatAlwaysFailsIsTriedFourTimesAndOneThatFailsTwiceSucceedsOnTheThirdAttempt() {
    RunRef<WorkflowResult> ref = example.simpleWorkflow.runNoWait(new EmptyModel());
    assertThatThrownBy(() -> ref.result(Duration.ofSeconds(90))).isInstanceOf(RunFailedException.class)
        .hasMessageContaining("simple task failed")
        .satisfies(e -> assertThat(((RunFailedException) e).taskErrors()).containsOnlyKeys("always_fail"));
    // The engine's read model records task events asynchronously: a FAILED row from an earlier attempt can be
    // visible before the retry's row, so wait for the final attempt of each task, not just any terminal status.
    JsonNode details = EngineSupport.awaitRun(hatchet, ref.id(), d -> {
      Map<String, JsonNode> t = tasksByName(d);
      return t.size() == 2 && t.containsKey("always_fail") && t.containsKey("fail_twice")
          && t.get("always_fail").path("status").asText().equals("FAILED")
          && t.get("always_fail").path("retryCount").asInt() >= 3
          && t.get("fail_twice").path("status").asText().equals("COMPLETED");
    }, Duration.ofSeconds(30));
    Map<String, JsonNode> tasks = tasksByName(details);
    assertThat(tasks.get("always_fail").path("status").asText()).isEqualTo("FAILED");
    assertThat(tasks.get("always_fail").path("retryCount").asInt()).isEqualTo(3);
    assertThat(tasks.get("fail_twice").path("status").asText()).isEqualTo("COMPLETED");
    assertThat(tasks.get("fail_twice").path("retryCount").asInt()).isEqualTo(2);
    assertThat(tasks.get("fail_twice").path("output").toString()).isEqualTo("{\"status\":\"success\"}");
  }

  @Test
  void backoffSpacesTheRetriesOut() {
    long t0 = System.nanoTime();
    WorkflowResult r = example.backoffWorkflow.runNoWait(new EmptyModel()).result(Duration.ofSeconds(90));
    long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
    assertThat(r.output(example.backoffTask)).isEqualTo(new Status("success"));
    // three failures, then waits of 2, 4 and 8 seconds before the retries
    assertThat(seconds).isGreaterThanOrEqualTo(13);
  }
}
