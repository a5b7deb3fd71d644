package run.hatchet.examples.slotcost;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
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
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.EngineSupport;
import run.hatchet.worker.Worker;

class SlotCostIT {
  static Hatchet hatchet;
  static Worker worker;
  static SlotCostExample example;

  @BeforeAll
  static void start() {
    hatchet = EngineSupport.client(SlotCostIT.class);
    example = new SlotCostExample(hatchet);
    // five slots: one omega fills the worker, five weenies fit at once
    worker = hatchet.worker("slot-cost-worker").slots(5).register(example.omega, example.weenie).start();
  }

  @AfterAll
  static void stop() {
    EngineSupport.stop(worker, hatchet);
  }

  static boolean overlap(JsonNode a, JsonNode b) {
    Instant as = EngineSupport.time(a, "startedAt");
    Instant af = EngineSupport.time(a, "finishedAt");
    Instant bs = EngineSupport.time(b, "startedAt");
    Instant bf = EngineSupport.time(b, "finishedAt");
    return as.isBefore(bf) && bs.isBefore(af);
  }

  @Test
  void aTaskCostingFiveSlotsRunsAloneOnAFiveSlotWorker() {
    String testRunId = UUID.randomUUID().toString();
    RunOptions meta = RunOptions.create().metadata("test_run_id", testRunId);
    List<RunRef<Void>> refs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      refs.add(example.omega.runNoWait(new EmptyModel(), meta));
      for (int j = 0; j < 2; j++) {
        refs.add(example.weenie.runNoWait(new EmptyModel(), meta));
      }
    }
    for (RunRef<Void> ref : refs) {
      ref.result(Duration.ofSeconds(60));
    }
    List<JsonNode> runs = EngineSupport.awaitRuns(hatchet, Map.of("additional_metadata", "test_run_id:" + testRunId),
        rows -> rows.size() == 9 && EngineSupport.allFinished(rows), Duration.ofSeconds(30));
    String omegaName = hatchet.config().applyNamespace("omega");
    List<JsonNode> omegas = runs.stream().filter(r -> r.path("workflowName").asText().equals(omegaName)).toList();
    assertThat(omegas).hasSize(3);
    for (JsonNode o : omegas) {
      for (JsonNode other : runs) {
        if (other != o) {
          assertThat(overlap(o, other)).as("omega %s overlaps %s", o.path("metadata").path("id"), other.path("metadata").path("id"))
              .isFalse();
        }
      }
    }
  }
}
