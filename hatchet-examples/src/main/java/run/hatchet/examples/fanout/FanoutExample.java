package run.hatchet.examples.fanout;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import run.hatchet.Hatchet;
import run.hatchet.client.BulkRun;
import run.hatchet.client.RunOptions;
import run.hatchet.client.RunRef;
import run.hatchet.client.WorkflowResult;
import run.hatchet.definition.Definition;
import run.hatchet.definition.TaskRef;
import run.hatchet.definition.Workflow;
import run.hatchet.examples.Example;
import run.hatchet.serde.Serializer;

/**
 * Fan-out: a parent task starts {@code n} child workflows and collects their results. Each child gets a
 * key ({@code child0}, {@code child1}, …), so a retried parent finds its existing children instead of
 * starting new ones; the parent's additional metadata is passed on to the children.
 */
public final class FanoutExample implements Example {

  /** {@code {"n": 100}}; {@code n} defaults to 100. */
  public record ParentInput(Integer n) {
    public ParentInput {
      n = n == null ? 100 : n;
    }
  }

  /** {@code {"a": "0"}}. */
  public record ChildInput(String a) {}

  /** {@code {"results": [{"process": {...}, "process2": {...}}, ...]}}: each child's result by task name. */
  public record SpawnOutput(List<Map<String, JsonNode>> results) {}

  /** {@code {"status": "0"}}. */
  public record ProcessOutput(String status) {}

  /** {@code {"status2": "02"}}. */
  public record Process2Output(String status2) {}

  public final Workflow<ParentInput> parentWf;
  public final TaskRef<SpawnOutput> spawn;
  public final Workflow<ChildInput> childWf;
  public final TaskRef<ProcessOutput> process;
  public final TaskRef<Process2Output> process2;

  public FanoutExample(Hatchet hatchet) {
    parentWf = hatchet.workflow("FanoutParent", ParentInput.class);
    childWf = hatchet.workflow("FanoutChild", ChildInput.class);

    spawn = parentWf.task("spawn", SpawnOutput.class, (input, ctx) -> {
      ctx.log("spawning " + input.n() + " children");
      List<BulkRun<ChildInput>> children = new ArrayList<>();
      for (int i = 0; i < input.n(); i++) {
        children.add(BulkRun.of(new ChildInput(String.valueOf(i)),
            RunOptions.create().metadata("hello", "earth").childKey("child" + i)));
      }
      List<Map<String, JsonNode>> results = new ArrayList<>();
      for (RunRef<WorkflowResult> child : childWf.runManyNoWait(children)) {
        results.add(outputs(hatchet.serializer(), child.result()));
      }
      return new SpawnOutput(results);
    }, o -> o.executionTimeout(Duration.ofMinutes(5)));

    process = childWf.task("process", ProcessOutput.class, (input, ctx) -> {
      ctx.log("child process " + input.a());
      return new ProcessOutput(input.a());
    });
    process2 = childWf.task("process2", Process2Output.class,
        (input, ctx) -> new Process2Output(ctx.parentOutput(process).status() + "2"),
        o -> o.parents(process));
  }

  /** A workflow result as task name to output JSON: what other SDKs return for a workflow run. */
  static Map<String, JsonNode> outputs(Serializer serializer, WorkflowResult result) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    result.outputsJson().forEach((task, json) -> out.put(task, serializer.fromJson(json, JsonNode.class)));
    return out;
  }

  @Override
  public String name() {
    return "fanout";
  }

  @Override
  public List<Definition<?, ?>> definitions() {
    return List.of(parentWf, childWf);
  }
}
