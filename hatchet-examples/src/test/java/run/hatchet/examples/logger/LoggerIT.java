package run.hatchet.examples.logger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.client.WorkflowResult;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.EngineSupport;
import run.hatchet.features.LogQuery;
import run.hatchet.worker.Worker;

class LoggerIT {
  static Hatchet hatchet;
  static Worker worker;
  static LoggerExample example;

  @BeforeAll
  static void start() {
    hatchet = EngineSupport.client(LoggerIT.class);
    example = new LoggerExample(hatchet);
    worker = hatchet.worker("logger-worker").slots(5).register(example.loggingWorkflow).start();
  }

  @AfterAll
  static void stop() {
    EngineSupport.stop(worker, hatchet);
  }

  @Test
  void bothTasksSucceedAndTheContextLinesAreStoredWithTheTaskRun() {
    WorkflowResult r = example.loggingWorkflow.run(new EmptyModel());
    assertThat(r.output(example.rootLogger).status()).isEqualTo("success");
    assertThat(r.output(example.contextLogger).status()).isEqualTo("success");

    String taskRunId = null;
    for (JsonNode t : EngineSupport.awaitStatus(hatchet, r.runId(), "COMPLETED").path("tasks")) {
      if (t.path("displayName").asText().startsWith("context_logger")) {
        taskRunId = t.path("taskExternalId").asText();
      }
    }
    List<String> lines = new ArrayList<>();
    long end = System.currentTimeMillis() + 30_000;
    while (lines.size() < 24 && System.currentTimeMillis() < end) {
      lines.clear();
      hatchet.logs().list(taskRunId, LogQuery.create().limit(100)).forEach(line -> lines.add(line.message()));
      EngineSupport.sleep(250);
    }
    assertThat(lines).hasSize(24).contains("executed step1 - 0", "executed step1 - 11", "{\"step1\": \"step1\"}");
  }
}
