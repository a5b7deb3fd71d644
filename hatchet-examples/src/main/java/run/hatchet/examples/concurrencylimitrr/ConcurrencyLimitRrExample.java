package run.hatchet.examples.concurrencylimitrr;

import java.util.List;
import run.hatchet.Hatchet;
import run.hatchet.definition.Concurrency;
import run.hatchet.definition.ConcurrencyStrategy;
import run.hatchet.definition.Definition;
import run.hatchet.definition.TaskRef;
import run.hatchet.definition.Workflow;
import run.hatchet.examples.Example;

/**
 * A concurrency limit per key: at most one run per {@code group} at a time; waiting runs of different
 * groups are admitted in turn (round robin), so one busy group cannot starve the others.
 */
public final class ConcurrencyLimitRrExample implements Example {

  /** {@code {"group": "A"}}. */
  public record WorkflowInput(String group) {}

  public final Workflow<WorkflowInput> concurrencyLimitRrWorkflow;
  public final TaskRef<Void> step1;

  public ConcurrencyLimitRrExample(Hatchet hatchet) {
    concurrencyLimitRrWorkflow = hatchet.workflow("ConcurrencyDemoWorkflowRR", WorkflowInput.class,
        w -> w.concurrency(Concurrency.of("input.group", 1, ConcurrencyStrategy.GROUP_ROUND_ROBIN)));
    step1 = concurrencyLimitRrWorkflow.task("step1", Void.class, (input, ctx) -> {
      ctx.log("starting step1");
      Thread.sleep(2_000);
      ctx.log("finished step1");
      return null;
    });
  }

  @Override
  public String name() {
    return "concurrency_limit_rr";
  }

  @Override
  public List<Definition<?, ?>> definitions() {
    return List.of(concurrencyLimitRrWorkflow);
  }
}
