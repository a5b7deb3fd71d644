package run.hatchet.examples.manualslotrelease;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.client.RunRef;
import run.hatchet.client.WorkflowResult;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.EngineSupport;
import run.hatchet.examples.manualslotrelease.ManualSlotReleaseExample.Status;
import run.hatchet.features.TaskEvent;
import run.hatchet.worker.Worker;

class ManualSlotReleaseIT {
  static Hatchet hatchet;
  static Worker worker;
  static ManualSlotReleaseExample example;

  @BeforeAll
  static void start() {
    hatchet = EngineSupport.client(ManualSlotReleaseIT.class);
    example = new ManualSlotReleaseExample(hatchet);
    worker = hatchet.worker("slot-release-worker").slots(1).register(example.slotReleaseWorkflow).start();
  }

  @AfterAll
  static void stop() {
    EngineSupport.stop(worker, hatchet);
  }

  @Test
  void theExampleFinishesAndTheEngineRecordsTheRelease() {
    RunRef<WorkflowResult> ref = example.slotReleaseWorkflow.runNoWait(new EmptyModel());
    WorkflowResult result = ref.result(Duration.ofSeconds(120));
    assertThat(result.output(example.step1)).isEqualTo(new Status("success"));
    String taskRunId = hatchet.runs().get(ref.id()).task("step1").orElseThrow().taskRunId();
    List<TaskEvent> events = EngineSupport.await(() -> hatchet.runs().taskEvents(taskRunId),
        e -> types(e).containsAll(List.of("STARTED", "SLOT_RELEASED", "FINISHED")), Duration.ofSeconds(30));
    // the slot was given back after the heavy part, and the task finished after that
    TaskEvent started = first(events, "STARTED");
    TaskEvent released = first(events, "SLOT_RELEASED");
    TaskEvent finished = first(events, "FINISHED");
    assertThat(Duration.between(started.timestamp(), released.timestamp()))
        .isGreaterThanOrEqualTo(ManualSlotReleaseExample.HEAVY_WORK.minusMillis(500));
    assertThat(finished.timestamp()).isAfterOrEqualTo(released.timestamp());
  }

  static List<String> types(List<TaskEvent> events) {
    return events.stream().map(TaskEvent::eventType).toList();
  }

  static TaskEvent first(List<TaskEvent> events, String type) {
    return events.stream().filter(e -> type.equals(e.eventType())).findFirst().orElseThrow();
  }
}
