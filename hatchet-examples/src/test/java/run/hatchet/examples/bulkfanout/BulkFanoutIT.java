package run.hatchet.examples.bulkfanout;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.examples.EngineSupport;
import run.hatchet.examples.bulkfanout.BulkFanoutExample.ParentInput;
import run.hatchet.examples.bulkfanout.BulkFanoutExample.SpawnOutput;
import run.hatchet.worker.Worker;

class BulkFanoutIT {
  static Hatchet hatchet;
  static Worker worker;
  static BulkFanoutExample example;

  @BeforeAll
  static void start() {
    hatchet = EngineSupport.client(BulkFanoutIT.class);
    example = new BulkFanoutExample(hatchet);
    worker = hatchet.worker("fanout-worker").slots(40).register(example.bulkParentWf, example.bulkChildWf).start();
  }

  @AfterAll
  static void stop() {
    EngineSupport.stop(worker, hatchet);
  }

  @Test
  void twelveChildrenStartedInBulkAllReport() {
    SpawnOutput out = example.bulkParentWf.run(new ParentInput(12)).output(example.spawn);
    assertThat(out.results()).hasSize(12);
    for (int i = 0; i < 12; i++) {
      assertThat(out.results().get(i).get("process").toString()).isEqualTo("{\"status\":\"success " + i + "\"}");
      assertThat(out.results().get(i).get("process2").toString()).isEqualTo("{\"status2\":\"success\"}");
    }
  }
}
