package run.hatchet.examples.stickyworkers;

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
import run.hatchet.client.WorkflowResult;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.EngineSupport;
import run.hatchet.worker.Worker;

class StickyWorkersIT {
  static Hatchet hatchet;
  static StickyWorkersExample example;
  static Worker one;
  static Worker two;

  @BeforeAll
  static void start() {
    hatchet = EngineSupport.client(StickyWorkersIT.class);
    example = new StickyWorkersExample(hatchet);
    one = hatchet.worker("sticky-worker").slots(10).register(example.stickyWorkflow, example.stickyChildWorkflow).start();
    two = hatchet.worker("sticky-worker").slots(10).register(example.stickyWorkflow, example.stickyChildWorkflow).start();
  }

  @AfterAll
  static void stop() {
    EngineSupport.stop(one, null);
    EngineSupport.stop(two, hatchet);
  }

  @Test
  void everyTaskOfARunAndItsStickyChildStayOnOneWorker() {
    for (int i = 0; i < 4; i++) {
      String testRunId = UUID.randomUUID().toString();
      WorkflowResult r = example.stickyWorkflow.run(new EmptyModel(), RunOptions.create().metadata("test_run_id", testRunId));
      String worker = r.output(example.step1a).worker();
      assertThat(List.of(one.id(), two.id())).contains(worker);
      assertThat(r.output(example.step1b).worker()).isEqualTo(worker);
      assertThat(r.output(example.step2).worker()).isEqualTo(worker);

      String childWorkflow = hatchet.config().applyNamespace("StickyChildWorkflow");
      JsonNode childRun = EngineSupport.awaitRuns(hatchet, Map.of("additional_metadata", "test_run_id:" + testRunId),
          rows -> rows.stream().anyMatch(x -> x.path("workflowName").asText().equals(childWorkflow)), Duration.ofSeconds(30))
          .stream().filter(x -> x.path("workflowName").asText().equals(childWorkflow)).findFirst().orElseThrow();
      String childWorker = example.stickyChildWorkflow.attach(childRun.path("metadata").path("id").asText())
          .result(Duration.ofSeconds(30)).output(example.child).worker();
      assertThat(childWorker).isEqualTo(worker);
    }
  }
}
