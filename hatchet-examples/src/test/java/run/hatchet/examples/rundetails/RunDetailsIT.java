package run.hatchet.examples.rundetails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.client.RunOptions;
import run.hatchet.client.RunRef;
import run.hatchet.client.WorkflowResult;
import run.hatchet.examples.EngineSupport;
import run.hatchet.examples.rundetails.RunDetailsExample.MockInput;
import run.hatchet.internal.proto.v1.GetRunDetailsRequest;
import run.hatchet.internal.proto.v1.GetRunDetailsResponse;
import run.hatchet.internal.proto.v1.RunStatus;
import run.hatchet.internal.proto.v1.TaskRunDetail;
import run.hatchet.worker.Worker;

/** The engine's run details (the GetRunDetails call other SDKs' runs clients make) while and after the run. */
class RunDetailsIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static Hatchet hatchet;
  static Worker worker;
  static RunDetailsExample example;

  @BeforeAll
  static void start() {
    hatchet = EngineSupport.client(RunDetailsIT.class);
    example = new RunDetailsExample(hatchet);
    worker = hatchet.worker("run-details-worker").register(example.runDetailTestWorkflow).start();
  }

  @AfterAll
  static void stop() {
    EngineSupport.stop(worker, hatchet);
  }

  static GetRunDetailsResponse details(String runId) {
    return hatchet.core().transport().unary("AdminService.GetRunDetails", hatchet.core().transport().admin(),
        s -> s.getRunDetails(GetRunDetailsRequest.newBuilder().setExternalId(runId).build()));
  }

  static JsonNode json(com.google.protobuf.ByteString bytes) throws Exception {
    return JSON.readTree(bytes.toStringUtf8());
  }

  @Test
  void detailsShowTheRunningRunAndThenEveryTasksOutcome() throws Exception {
    MockInput input = new MockInput(UUID.randomUUID().toString());
    String testRunId = UUID.randomUUID().toString();
    RunRef<WorkflowResult> ref = example.runDetailTestWorkflow.runNoWait(input, RunOptions.create().metadata("test_run_id", testRunId));

    GetRunDetailsResponse running = null;
    long end = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < end) {
      running = details(ref.id());
      if (running.getStatus() == RunStatus.RUNNING && running.getTaskRunsCount() >= 3) {
        break;
      }
      EngineSupport.sleep(250);
    }
    assertThat(running.getStatus()).isEqualTo(RunStatus.RUNNING);
    assertThat(json(running.getInput())).isEqualTo(JSON.valueToTree(input));
    assertThat(json(running.getAdditionalMetadata()).path("test_run_id").asText()).isEqualTo(testRunId);
    // the four tasks without parents exist; step3 and step4 do not yet
    assertThat(running.getTaskRunsMap()).containsOnlyKeys("step1", "cancel_step", "fail_step", "step2");
    assertThat(running.getDone()).isFalse();

    assertThatThrownBy(() -> ref.result(Duration.ofSeconds(60))).hasMessageContaining("Intentional Failure");

    GetRunDetailsResponse done = details(ref.id());
    assertThat(done.getStatus()).isEqualTo(RunStatus.FAILED);
    assertThat(json(done.getInput())).isEqualTo(JSON.valueToTree(input));
    assertThat(json(done.getAdditionalMetadata()).path("test_run_id").asText()).isEqualTo(testRunId);
    var tasks = done.getTaskRunsMap();
    assertThat(tasks).hasSize(6);
    assertThat(tasks.get("step1").getStatus()).isEqualTo(RunStatus.COMPLETED);
    assertThat(tasks.get("step2").getStatus()).isEqualTo(RunStatus.COMPLETED);
    assertThat(tasks.get("step3").getStatus()).isEqualTo(RunStatus.COMPLETED);
    assertThat(tasks.get("step4").getStatus()).isEqualTo(RunStatus.COMPLETED);
    assertThat(tasks.get("fail_step").getStatus()).isEqualTo(RunStatus.FAILED);
    assertThat(tasks.get("cancel_step").getStatus()).isEqualTo(RunStatus.CANCELLED);

    assertThat(json(tasks.get("step1").getOutput()).path("random_number").asInt()
        + json(tasks.get("step2").getOutput()).path("random_number").asInt())
        .isEqualTo(json(tasks.get("step3").getOutput()).path("sum").asInt());
    assertThat(json(tasks.get("step4").getOutput()).toString()).isEqualTo("{\"step4\":\"step4\"}");

    // as other SDKs read them: an empty error or output counts as none
    TaskRunDetail failed = tasks.get("fail_step");
    assertThat(failed.getError()).contains("Intentional Failure");
    assertThat(failed.getOutput().isEmpty()).isTrue();
    TaskRunDetail cancelled = tasks.get("cancel_step");
    assertThat(cancelled.getError()).isEmpty();
    assertThat(cancelled.getOutput().isEmpty()).isTrue();
    tasks.forEach((name, t) -> {
      if (!name.equals("fail_step")) {
        assertThat(t.getError()).as("error of %s", name).isEmpty();
      }
    });
    assertThat(done.getDone()).isTrue();
  }
}
