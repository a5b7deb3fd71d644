package run.hatchet.examples.runtimeaffinity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.client.BulkRun;
import run.hatchet.client.RunOptions;
import run.hatchet.client.RunOutcome;
import run.hatchet.client.WorkflowResult;
import run.hatchet.definition.DesiredLabel;
import run.hatchet.definition.TaskRef;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.EngineSupport;
import run.hatchet.examples.runtimeaffinity.RuntimeAffinityExample.AffinityResult;
import run.hatchet.worker.Worker;

class RuntimeAffinityIT {
  static final List<String> LABELS = List.of("foo", "bar", "baz", "qux");
  static final int RUNS = 20;

  static Hatchet hatchet;
  static RuntimeAffinityExample example;
  static final Map<String, Worker> workers = new LinkedHashMap<>();

  @BeforeAll
  static void start() {
    hatchet = EngineSupport.client(RuntimeAffinityIT.class);
    example = new RuntimeAffinityExample(hatchet);
    for (String label : LABELS) {
      workers.put(label, hatchet.worker("runtime-affinity-worker").label("affinity", label)
          .register(example.runtimeAffinityWorkflow).start());
    }
  }

  @AfterAll
  static void stop() {
    workers.values().forEach(w -> EngineSupport.stop(w, null));
    EngineSupport.stop(null, hatchet);
  }

  @Test
  void everyTaskOfARunRunsOnTheWorkerTheTriggerAskedFor() {
    Random random = new Random();
    List<String> targets = new ArrayList<>();
    List<BulkRun<EmptyModel>> items = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      String target = LABELS.get(random.nextInt(LABELS.size()));
      targets.add(target);
      items.add(BulkRun.of(new EmptyModel(), RunOptions.create().desiredLabel("affinity", DesiredLabel.required(target))));
    }
    List<WorkflowResult> results = new ArrayList<>();
    for (RunOutcome<WorkflowResult> outcome : example.runtimeAffinityWorkflow.runManyOutcomes(items)) {
      results.add(outcome.value());
    }
    for (int i = 0; i < RUNS; i++) {
      String expected = workers.get(targets.get(i)).id();
      for (TaskRef<AffinityResult> task : example.tasks) {
        assertThat(results.get(i).output(task).workerId()).as("run %d task %s", i, task.name()).isEqualTo(expected);
      }
    }
  }
}
