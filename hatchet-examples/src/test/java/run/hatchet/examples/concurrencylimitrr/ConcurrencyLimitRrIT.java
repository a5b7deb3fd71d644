package run.hatchet.examples.concurrencylimitrr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
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
import run.hatchet.examples.concurrencylimitrr.ConcurrencyLimitRrExample.WorkflowInput;
import run.hatchet.worker.Worker;

class ConcurrencyLimitRrIT {
  static Hatchet hatchet;
  static Worker worker;
  static ConcurrencyLimitRrExample example;

  @BeforeAll
  static void start() {
    hatchet = EngineSupport.client(ConcurrencyLimitRrIT.class);
    example = new ConcurrencyLimitRrExample(hatchet);
    worker = hatchet.worker("concurrency-demo-worker-rr").slots(10).register(example.concurrencyLimitRrWorkflow).start();
  }

  @AfterAll
  static void stop() {
    EngineSupport.stop(worker, hatchet);
  }

  @Test
  void runsOfOneGroupTakeTurnsWhileGroupsRunSideBySide() {
    String testRunId = UUID.randomUUID().toString();
    List<RunRef<WorkflowResult>> refs = new ArrayList<>();
    long t0 = System.nanoTime();
    for (String group : List.of("A", "A", "B", "B")) {
      refs.add(example.concurrencyLimitRrWorkflow.runNoWait(new WorkflowInput(group),
          RunOptions.create().metadata("test_run_id", testRunId).metadata("group", group)));
    }
    for (RunRef<WorkflowResult> ref : refs) {
      ref.result(Duration.ofSeconds(60)); // none is cancelled: the strategy queues
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    // two 2-second runs one after the other per group, the groups in parallel: about 4 seconds
    assertThat(seconds).isBetween(3.8, 15.0);

    List<JsonNode> runs = EngineSupport.awaitRuns(hatchet, Map.of("additional_metadata", "test_run_id:" + testRunId),
        rows -> rows.size() == 4 && EngineSupport.allFinished(rows), Duration.ofSeconds(30));
    assertThat(runs).allSatisfy(r -> assertThat(r.path("status").asText()).isEqualTo("COMPLETED"));
    assertThat(EngineSupport.peakConcurrency(runs, r -> r.path("additionalMetadata").path("group").asText())).isEqualTo(1);
  }
}
