package run.hatchet.examples.child;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import run.hatchet.Hatchet;
import run.hatchet.client.WorkflowResult;
import run.hatchet.definition.Definition;
import run.hatchet.definition.Task;
import run.hatchet.definition.TaskRef;
import run.hatchet.definition.Workflow;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.Example;

/**
 * Running a workflow from inside a task. {@code SimpleWorkflow} upper-cases a message in its task
 * {@code step1}; the standalone task {@code SpawnTask} runs it as a child and returns the child's result.
 * A run started from inside a task is linked to that task as its child automatically.
 */
public final class ChildExample implements Example {

  /** Input of SimpleWorkflow: {@code {"message": "Hello, World!"}}. */
  public record SimpleInput(String message) {}

  /** Output of step1: {@code {"transformed_message": "HELLO, WORLD!"}}. */
  public record SimpleOutput(@JsonProperty("transformed_message") String transformedMessage) {}

  /** Output of SpawnTask: the child's result, keyed by the child's task names. */
  public record SpawnOutput(Map<String, SimpleOutput> results) {}

  public final Workflow<SimpleInput> childTask;
  public final TaskRef<SimpleOutput> step1;
  public final Task<EmptyModel, SpawnOutput> spawn;

  public ChildExample(Hatchet hatchet) {
    childTask = hatchet.workflow("SimpleWorkflow", SimpleInput.class);
    step1 = childTask.task("step1", SimpleOutput.class, (input, ctx) -> {
      ctx.log("executed step1: " + input.message());
      return new SimpleOutput(input.message().toUpperCase(Locale.ROOT));
    });

    spawn = hatchet.task("SpawnTask", EmptyModel.class, SpawnOutput.class, (input, ctx) -> {
      // blocks this task until the child finishes; the child runs wherever SimpleWorkflow is served
      WorkflowResult child = childTask.run(new SimpleInput("Hello, World!"));
      return new SpawnOutput(Map.of(step1.name(), child.output(step1)));
    });
  }

  @Override
  public String name() {
    return "child";
  }

  @Override
  public List<Definition<?, ?>> definitions() {
    return List.of(childTask, spawn);
  }
}
