package run.hatchet.examples.durableevent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.client.RunRef;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.EngineSupport;
import run.hatchet.worker.Worker;

class DurableEventIT {
  static Hatchet hatchet;
  static Worker worker;
  static DurableEventExample example;

  @BeforeAll
  static void start() {
    hatchet = EngineSupport.client(DurableEventIT.class);
    example = new DurableEventExample(hatchet);
    worker = hatchet.worker("durable-event-worker")
        .register(example.durableEventTask, example.durableEventTaskWithFilter).start();
  }

  @AfterAll
  static void stop() {
    EngineSupport.stop(worker, hatchet);
  }

  @Test
  void anyEventCompletesTheUnfilteredWaitOnlyAMatchingOneTheFilteredWait() {
    RunRef<Void> plain = example.durableEventTask.runNoWait(new EmptyModel());
    RunRef<Void> filtered = example.durableEventTaskWithFilter.runNoWait(new EmptyModel());
    EngineSupport.awaitStatus(hatchet, plain.id(), "RUNNING");
    EngineSupport.awaitStatus(hatchet, filtered.id(), "RUNNING");
    EngineSupport.sleep(2_000); // both waits registered with the engine

    // another user's update: the unfiltered task takes it, the filtered one keeps waiting
    hatchet.events().push(DurableEventExample.EVENT_KEY, Map.of("user_id", "9999"));
    assertThat(plain.result(Duration.ofSeconds(60))).isNull();
    EngineSupport.awaitStatus(hatchet, plain.id(), "COMPLETED");
    EngineSupport.sleep(2_000);
    assertThat(EngineSupport.runStatus(hatchet, filtered.id())).isEqualTo("RUNNING");

    // the trigger's event, user 1234, completes it
    hatchet.events().push(DurableEventExample.EVENT_KEY, Map.of("user_id", "1234"));
    assertThat(filtered.result(Duration.ofSeconds(60))).isNull();
    EngineSupport.awaitStatus(hatchet, filtered.id(), "COMPLETED");
  }
}
