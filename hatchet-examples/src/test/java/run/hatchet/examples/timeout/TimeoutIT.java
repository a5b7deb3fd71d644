package run.hatchet.examples.timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
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
import run.hatchet.worker.Worker;

@Execution(ExecutionMode.CONCURRENT)
class TimeoutIT {
  static Hatchet hatchet;
  static Worker worker;
  static TimeoutExample example;

  @BeforeAll
  static void start() {
    hatchet = EngineSupport.client(TimeoutIT.class);
    example = new TimeoutExample(hatchet);
    worker = hatchet.worker("timeout-worker").slots(4).register(example.timeoutWf, example.refreshTimeoutWf).start();
  }

  @AfterAll
  static void stop() {
    EngineSupport.stop(worker, hatchet);
  }

  @Test
  void aTaskThatOutlivesItsExecutionTimeoutFails() {
    RunRef<WorkflowResult> ref = example.timeoutWf.runNoWait(new EmptyModel());
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> ref.result(Duration.ofSeconds(60))).isInstanceOf(RunFailedException.class)
        .satisfies(e -> assertThat(((RunFailedException) e).taskErrors().get("timeout_task"))
            .containsPattern("(?i)(timeout|timed out|TIMED_OUT)"));
    // the 5 second timeout, not the 30 second sleep nor the 2 minute workflow default
    assertThat((System.nanoTime() - t0) / 1_000_000_000L).isLessThan(25);
    EngineSupport.awaitStatus(hatchet, ref.id(), "FAILED");
  }

  @Test
  void refreshingTheTimeoutLetsTheTaskFinish() {
    WorkflowResult r = example.refreshTimeoutWf.run(new EmptyModel());
    assertThat(r.output(example.refreshTask).status()).isEqualTo("success");
  }
}
