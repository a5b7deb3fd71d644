package run.hatchet.examples.rundetails;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import run.hatchet.Hatchet;
import run.hatchet.definition.Definition;
import run.hatchet.definition.TaskRef;
import run.hatchet.definition.Workflow;
import run.hatchet.examples.Example;

/**
 * A run with something of everything, to look at through the engine's run details: tasks that complete,
 * one that fails, one that cancels itself, and a slow one that keeps the run going for a while.
 */
public final class RunDetailsExample implements Example {

  /** {@code {"foo": "..."}}. */
  public record MockInput(String foo) {}

  /** {@code {"random_number": 42}}. */
  public record StepOutput(@JsonProperty("random_number") int randomNumber) {}

  /** {@code {"sum": 84}}. */
  public record RandomSum(int sum) {}

  /** {@code {"step4": "step4"}}. */
  public record Step4Output(String step4) {}

  public final Workflow<MockInput> runDetailTestWorkflow;
  public final TaskRef<StepOutput> step1;
  public final TaskRef<Void> cancelStep;
  public final TaskRef<Void> failStep;
  public final TaskRef<StepOutput> step2;
  public final TaskRef<RandomSum> step3;
  public final TaskRef<Step4Output> step4;

  public RunDetailsExample(Hatchet hatchet) {
    runDetailTestWorkflow = hatchet.workflow("run-detail-test", MockInput.class);

    step1 = runDetailTestWorkflow.task("step1", StepOutput.class, (input, ctx) -> random());

    cancelStep = runDetailTestWorkflow.task("cancel_step", Void.class, (input, ctx) -> {
      ctx.cancelTask();
      for (int i = 0; i < 10; i++) {
        Thread.sleep(1_000);
      }
      return null;
    });

    failStep = runDetailTestWorkflow.task("fail_step", Void.class, (input, ctx) -> {
      throw new IllegalStateException("Intentional Failure");
    });

    step2 = runDetailTestWorkflow.task("step2", StepOutput.class, (input, ctx) -> {
      Thread.sleep(5_000);
      return random();
    });

    step3 = runDetailTestWorkflow.task("step3", RandomSum.class,
        (input, ctx) -> new RandomSum(ctx.parentOutput(step1).randomNumber() + ctx.parentOutput(step2).randomNumber()),
        o -> o.parents(step1, step2));

    step4 = runDetailTestWorkflow.task("step4", Step4Output.class, (input, ctx) -> {
      ctx.log("executed step4 with input " + input + ", step1 " + ctx.parentOutput(step1) + ", step3 " + ctx.parentOutput(step3));
      return new Step4Output("step4");
    }, o -> o.parents(step1, step3));
  }

  private static StepOutput random() {
    return new StepOutput(ThreadLocalRandom.current().nextInt(1, 101));
  }

  @Override
  public String name() {
    return "run_details";
  }

  @Override
  public List<Definition<?, ?>> definitions() {
    return List.of(runDetailTestWorkflow);
  }
}
