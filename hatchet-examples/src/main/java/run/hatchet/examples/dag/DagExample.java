package run.hatchet.examples.dag;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import run.hatchet.Hatchet;
import run.hatchet.definition.Definition;
import run.hatchet.definition.TaskRef;
import run.hatchet.definition.Workflow;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.Example;

/**
 * A DAG: {@code step1} and {@code step2} draw random numbers in parallel, {@code step3} adds them,
 * {@code step4} runs once {@code step1} and {@code step3} are done. The run's result holds every task's
 * output under the task's name.
 */
public final class DagExample implements Example {

  /** Output of step1 and step2: {@code {"random_number": 42}}. */
  public record StepOutput(@JsonProperty("random_number") int randomNumber) {}

  /** Output of step3: {@code {"sum": 84}}. */
  public record RandomSum(int sum) {}

  /** Output of step4: {@code {"step4": "step4"}}. */
  public record Step4Output(String step4) {}

  public final Workflow<EmptyModel> dagWorkflow;
  public final TaskRef<StepOutput> step1;
  public final TaskRef<StepOutput> step2;
  public final TaskRef<RandomSum> step3;
  public final TaskRef<Step4Output> step4;

  public DagExample(Hatchet hatchet) {
    dagWorkflow = hatchet.workflow("DAGWorkflow", EmptyModel.class);

    step1 = dagWorkflow.task("step1", StepOutput.class,
        (input, ctx) -> new StepOutput(randomNumber()),
        o -> o.executionTimeout(Duration.ofSeconds(5)));
    step2 = dagWorkflow.task("step2", StepOutput.class,
        (input, ctx) -> new StepOutput(randomNumber()),
        o -> o.executionTimeout(Duration.ofSeconds(5)));

    // a task with parents sees their outputs, typed
    step3 = dagWorkflow.task("step3", RandomSum.class,
        (input, ctx) -> new RandomSum(ctx.parentOutput(step1).randomNumber() + ctx.parentOutput(step2).randomNumber()),
        o -> o.parents(step1, step2));

    step4 = dagWorkflow.task("step4", Step4Output.class, (input, ctx) -> {
      ctx.log("step4 sees step1=" + ctx.parentOutput(step1) + " and step3=" + ctx.parentOutput(step3));
      return new Step4Output("step4");
    }, o -> o.parents(step1, step3));
  }

  private static int randomNumber() {
    return ThreadLocalRandom.current().nextInt(1, 101);
  }

  @Override
  public String name() {
    return "dag";
  }

  @Override
  public List<Definition<?, ?>> definitions() {
    return List.of(dagWorkflow);
  }
}
