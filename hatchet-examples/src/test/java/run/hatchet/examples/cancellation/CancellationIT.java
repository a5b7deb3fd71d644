package run.hatchet.examples.cancellation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.client.RunFailedException;
import run.hatchet.client.RunRef;
import run.hatchet.client.WorkflowResult;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.EngineSupport;
import run.hatchet.worker.Worker;

class CancellationIT {
  static Hatchet hatchet;
  static Worker worker;
  static CancellationExample example;

  @BeforeAll
  static void start() {
    hatchet = EngineSupport.client(CancellationIT.class);
    example = new CancellationExample(hatchet);
    worker = hatchet.worker("cancellation-worker").register(example.cancellationWorkflow).start();
  }

  @AfterAll
  static void stop() {
    EngineSupport.stop(worker, hatchet);
  }

  @Test
  void aTaskThatCancelsItselfEndsTheRunCancelled() {
    RunRef<WorkflowResult> ref = example.cancellationWorkflow.runNoWait(new EmptyModel());
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> ref.result(Duration.ofSeconds(60))).isInstanceOf(RunFailedException.class)
        .satisfies(e -> assertThat(((RunFailedException) e).isCancelled()).isTrue());
    JsonNode details = EngineSupport.awaitStatus(hatchet, ref.id(), "CANCELLED");
    Map<String, String> statuses = new HashMap<>();
    details.path("tasks").forEach(t -> statuses.put(t.path("displayName").asText().replaceFirst("-\\d+$", ""),
        t.path("status").asText()));
    // self_cancel never got to return its "should have been cancelled" output
    assertThat(statuses).containsEntry("self_cancel", "CANCELLED");
    // cancelled after about 2 seconds, long before self_cancel's 10 second sleep would have ended
    assertThat((System.nanoTime() - t0) / 1_000_000_000L).isLessThan(10);
    long end = System.currentTimeMillis() + 10_000;
    while (worker.runningTasks() > 0 && System.currentTimeMillis() < end) {
      EngineSupport.sleep(50);
    }
    assertThat(worker.runningTasks()).as("tasks still running on the worker").isZero();
  }

  @Test
  void aTaskCancelledFromOutsideSeesTheFlag() {
    RunRef<WorkflowResult> ref = example.cancellationWorkflow.runNoWait(new EmptyModel());
    EngineSupport.awaitRun(hatchet, ref.id(), d -> "RUNNING".equals(d.path("run").path("status").asText()), Duration.ofSeconds(30));
    hatchet.runs().cancel(ref.id());
    assertThatThrownBy(() -> ref.result(Duration.ofSeconds(60))).isInstanceOf(RunFailedException.class);
    JsonNode details = EngineSupport.awaitStatus(hatchet, ref.id(), "CANCELLED");
    details.path("tasks").forEach(t -> assertThat(t.path("status").asText()).isEqualTo("CANCELLED"));
  }
}
