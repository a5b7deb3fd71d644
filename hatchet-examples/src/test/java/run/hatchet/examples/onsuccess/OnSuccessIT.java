package run.hatchet.examples.onsuccess;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.client.WorkflowResult;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.EngineSupport;
import run.hatchet.worker.Worker;

class OnSuccessIT {
  static Hatchet hatchet;
  static Worker worker;
  static OnSuccessExample example;

  @BeforeAll
  static void start() {
    hatchet = EngineSupport.client(OnSuccessIT.class);
    example = new OnSuccessExample(hatchet);
    worker = hatchet.worker("on-success-worker").register(example.onSuccessWorkflow).start();
  }

  @AfterAll
  static void stop() {
    EngineSupport.stop(worker, hatchet);
  }

  @Test
  void theOnSuccessTaskRunsAfterEveryOtherTaskCompleted() {
    WorkflowResult r = example.onSuccessWorkflow.run(new EmptyModel());
    JsonNode details = EngineSupport.awaitRun(hatchet, r.runId(),
        d -> "COMPLETED".equals(d.path("run").path("status").asText()) && d.path("tasks").size() == 5,
        java.time.Duration.ofSeconds(30));
    Map<String, JsonNode> tasks = new HashMap<>();
    details.path("tasks").forEach(t -> tasks.put(t.path("displayName").asText().replaceFirst("-\\d+$", ""), t));
    assertThat(tasks).containsOnlyKeys("first_task", "second_task", "third_task", "fourth_task", "on_success_task");
    tasks.values().forEach(t -> assertThat(t.path("status").asText()).isEqualTo("COMPLETED"));

    Instant onSuccessStarted = Instant.parse(tasks.get("on_success_task").path("startedAt").asText());
    for (String other : new String[] {"first_task", "second_task", "third_task", "fourth_task"}) {
      assertThat(Instant.parse(tasks.get(other).path("finishedAt").asText())).as(other).isBeforeOrEqualTo(onSuccessStarted);
    }
  }
}
