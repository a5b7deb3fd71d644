package run.hatchet.examples.bulkfanout;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import run.hatchet.Hatchet;
import run.hatchet.client.BulkRun;
import run.hatchet.client.RunOptions;
import run.hatchet.client.WorkflowResult;
import run.hatchet.definition.Definition;
import run.hatchet.definition.TaskRef;
import run.hatchet.definition.Workflow;
import run.hatchet.examples.Example;

/**
 * Bulk fan-out: the parent builds all child runs first and starts them in bulk requests (up to 1000 per
 * request) instead of one call per child, then waits for all their results.
 */
public final class BulkFanoutExample implements Example {

  /** {@code {"n": 100}}; {@code n} defaults to 100. */
  public record ParentInput(Integer n) {
    public ParentInput {
      n = n == null ? 100 : n;
    }
  }

  /** {@code {"a": "0"}}. */
  public record ChildInput(String a) {}

  /** {@code {"results": [{"process": {...}, "process2": {...}}, ...]}}. */
  public record SpawnOutput(List<Map<String, JsonNode>> results) {}

  /** {@code {"status": "success 0"}}. */
  public record ProcessOutput(String status) {}

  /** {@code {"status2": "success"}}. */
  public record Process2Output(String status2) {}

  public final Workflow<ParentInput> bulkParentWf;
  public final TaskRef<SpawnOutput> spawn;
  public final Workflow<ChildInput> bulkChildWf;
  public final TaskRef<ProcessOutput> process;
  public final TaskRef<Process2Output> process2;

  public BulkFanoutExample(Hatchet hatchet) {
    bulkParentWf = hatchet.workflow("BulkFanoutParent", ParentInput.class);
    bulkChildWf = hatchet.workflow("BulkFanoutChild", ChildInput.class);

    spawn = bulkParentWf.task("spawn", SpawnOutput.class, (input, ctx) -> {
      // every child run to start, each with its key and metadata
      List<BulkRun<ChildInput>> childRuns = new ArrayList<>();
      for (int i = 0; i < input.n(); i++) {
        childRuns.add(BulkRun.of(new ChildInput(String.valueOf(i)),
            RunOptions.create().childKey("child" + i).metadata("hello", "earth")));
      }
      // started in bulk; the results come back in the same order
      List<Map<String, JsonNode>> results = new ArrayList<>();
      for (var outcome : bulkChildWf.runManyOutcomes(childRuns)) {
        WorkflowResult r = outcome.value();
        Map<String, JsonNode> byTask = new LinkedHashMap<>();
        r.outputsJson().forEach((task, json) -> byTask.put(task, hatchet.serializer().fromJson(json, JsonNode.class)));
        results.add(byTask);
      }
      return new SpawnOutput(results);
    }, o -> o.executionTimeout(Duration.ofMinutes(5)));

    process = bulkChildWf.task("process", ProcessOutput.class, (input, ctx) -> {
      ctx.log("child process " + input.a());
      return new ProcessOutput("success " + input.a());
    });
    process2 = bulkChildWf.task("process2", Process2Output.class, (input, ctx) -> new Process2Output("success"));
  }

  @Override
  public String name() {
    return "bulk_fanout";
  }

  @Override
  public List<Definition<?, ?>> definitions() {
    return List.of(bulkParentWf, bulkChildWf);
  }
}
