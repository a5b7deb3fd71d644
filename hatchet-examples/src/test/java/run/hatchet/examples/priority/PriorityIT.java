package run.hatchet.examples.priority;

import static org.assertj.core.api.Assertions.assertThat;
import static run.hatchet.examples.priority.PriorityExample.HIGH;
import static run.hatchet.examples.priority.PriorityExample.LOW;
import static run.hatchet.examples.priority.PriorityExample.MEDIUM;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.client.RunOptions;
import run.hatchet.client.RunRef;
import run.hatchet.client.WorkflowResult;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.EngineSupport;
import run.hatchet.worker.Worker;

class PriorityIT {
  static Hatchet hatchet;
  static Worker worker;
  static PriorityExample example;

  @BeforeAll
  static void start() {
    hatchet = EngineSupport.client(PriorityIT.class);
    example = new PriorityExample(hatchet);
    // registers the workflow; the test queues runs while no worker serves it
    hatchet.worker("priority-worker").slots(1).register(example.priorityWorkflow).start().shutdown(Duration.ofSeconds(5));
  }

  @AfterAll
  static void stop() {
    EngineSupport.stop(worker, hatchet);
  }

  @Test
  void queuedRunsStartInOrderOfPriority() {
    String testRunId = UUID.randomUUID().toString();
    List<Integer> priorities = new ArrayList<>();
    for (int p : new int[] {LOW, MEDIUM, HIGH}) {
      for (int i = 0; i < 4; i++) {
        priorities.add(p);
      }
    }
    priorities.add(0); // two runs without a priority: the workflow's default, low
    priorities.add(0);
    Collections.shuffle(priorities);
    List<RunRef<WorkflowResult>> refs = new ArrayList<>();
    for (int p : priorities) {
      RunOptions o = RunOptions.create().metadata("test_run_id", testRunId).metadata("priority", p == 0 ? LOW : p);
      refs.add(example.priorityWorkflow.runNoWait(new EmptyModel(), p == 0 ? o : o.priority(p)));
    }

    // one slot: the runs go one at a time, the highest priority first
    worker = hatchet.worker("priority-worker").slots(1).register(example.priorityWorkflow).start();
    for (RunRef<WorkflowResult> ref : refs) {
      ref.result(Duration.ofSeconds(60));
    }
    List<JsonNode> runs = new ArrayList<>(EngineSupport.awaitRuns(hatchet,
        Map.of("additional_metadata", "test_run_id:" + testRunId),
        rows -> rows.size() == refs.size() && EngineSupport.allFinished(rows), Duration.ofSeconds(30)));
    runs.sort(Comparator.comparing(r -> EngineSupport.time(r, "startedAt")));
    List<Integer> startOrder = new ArrayList<>();
    runs.forEach(r -> startOrder.add(r.path("additionalMetadata").path("priority").asInt()));
    // the engine may hand out the first queued run as soon as the worker appears, before it has ranked
    // the queue (upstream sees the same); every run after that starts in order of priority
    List<Integer> afterFirst = startOrder.subList(1, startOrder.size());
    List<Integer> expected = new ArrayList<>(afterFirst);
    expected.sort(Comparator.reverseOrder());
    assertThat(afterFirst).as("priorities in start order: %s", startOrder).isEqualTo(expected);
    for (int i = 0; i + 1 < runs.size(); i++) {
      assertThat(EngineSupport.time(runs.get(i), "finishedAt")).isBeforeOrEqualTo(EngineSupport.time(runs.get(i + 1), "startedAt"));
    }
  }
}
