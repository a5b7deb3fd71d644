package run.hatchet.examples.nonretryable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

class NonRetryableIT {
  static Hatchet hatchet;
  static Worker worker;
  static NonRetryableExample example;

  @BeforeAll
  static void start() {
    hatchet = EngineSupport.client(NonRetryableIT.class);
    example = new NonRetryableExample(hatchet);
    worker = hatchet.worker("non-retry-worker").register(example.nonRetryableWorkflow).start();
  }

  @AfterAll
  static void stop() {
    EngineSupport.stop(worker, hatchet);
  }

  static List<JsonNode> events(JsonNode details, String type) {
    List<JsonNode> out = new ArrayList<>();
    details.path("taskEvents").forEach(e -> {
      if (type.equals(e.path("eventType").asText())) {
        out.add(e);
      }
    });
    return out;
  }

  @Test
  void onlyTheTaskThatThrowsAnOrdinaryExceptionIsRetried() {
    RunRef<WorkflowResult> ref = example.nonRetryableWorkflow.runNoWait(new EmptyModel());
    RunFailedException failure = catchThrowableOfType(RunFailedException.class, () -> ref.result(Duration.ofSeconds(60)));
    assertThat(failure.taskErrors()).hasSize(2);
    assertThat(failure.taskErrors().get("should_not_retry")).contains("This task should not retry");
    assertThat(failure.taskErrors().get("should_retry_wrong_exception_type"))
        .contains("This task should retry because it's not a NonRetryableException");

    // three FAILED events: both failing tasks once, and the retried one a second time
    // (the engine records the events asynchronously: wait until both kinds are visible)
    JsonNode details = EngineSupport.awaitRun(hatchet, ref.id(),
        d -> events(d, "FAILED").size() >= 3 && !events(d, "RETRYING").isEmpty(), Duration.ofSeconds(30));
    List<JsonNode> retrying = events(details, "RETRYING");
    assertThat(retrying).hasSize(1);
    assertThat(retrying.get(0).path("taskDisplayName").asText()).startsWith("should_retry_wrong_exception_type");
    assertThat(events(details, "FAILED")).hasSize(3);
  }
}
