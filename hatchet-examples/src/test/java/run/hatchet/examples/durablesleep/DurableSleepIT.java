package run.hatchet.examples.durablesleep;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.client.RunRef;
import run.hatchet.definition.Task;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.EngineSupport;
import run.hatchet.worker.Worker;

class DurableSleepIT {
  static Hatchet hatchet;
  static Worker worker;
  static DurableSleepExample example;

  @BeforeAll
  static void start() {
    hatchet = EngineSupport.client(DurableSleepIT.class);
    example = new DurableSleepExample(hatchet);
    worker = hatchet.worker("durable-sleep-worker").register(example.durableSleepTask).start();
  }

  @AfterAll
  static void stop() {
    EngineSupport.stop(worker, hatchet);
  }

  @Test
  void theTaskSleepsDurablyAndReturnsNothing() {
    long t0 = System.nanoTime();
    RunRef<Void> ref = example.durableSleepTask.runNoWait(new EmptyModel());
    assertThat(ref.result(Duration.ofSeconds(60))).isNull();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(DurableSleepExample.SLEEP);
    EngineSupport.awaitStatus(hatchet, ref.id(), "COMPLETED");
  }

  @Test
  void otherSdksSeeTheSameJsonWhenTheyRunItByName() {
    JsonNode out = Task.stub(hatchet.core(), "DurableSleepTask", EmptyModel.class, JsonNode.class).run(new EmptyModel());
    assertThat(out == null || out.isNull() || out.isEmpty()).as("output %s", out).isTrue();
  }
}
