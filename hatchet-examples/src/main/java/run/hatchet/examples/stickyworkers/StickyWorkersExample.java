package run.hatchet.examples.stickyworkers;

import java.util.List;
import run.hatchet.Hatchet;
import run.hatchet.client.RunOptions;
import run.hatchet.definition.Definition;
import run.hatchet.definition.StickyStrategy;
import run.hatchet.definition.TaskRef;
import run.hatchet.definition.Workflow;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.Example;

/**
 * Sticky workers: all tasks of a sticky run go to the worker that took its first task (SOFT: preferably,
 * HARD: only), e.g. to reuse what that worker has cached. A task can run a sticky child on its own worker
 * with {@code RunOptions.sticky(true)}.
 */
public final class StickyWorkersExample implements Example {

  /** {@code {"worker": "<worker id>"}}. */
  public record WorkerOutput(String worker) {}

  public final Workflow<EmptyModel> stickyWorkflow;
  public final TaskRef<WorkerOutput> step1a;
  public final TaskRef<WorkerOutput> step1b;
  public final TaskRef<WorkerOutput> step2;
  public final Workflow<EmptyModel> stickyChildWorkflow;
  public final TaskRef<WorkerOutput> child;

  public StickyWorkersExample(Hatchet hatchet) {
    stickyWorkflow = hatchet.workflow("StickyWorkflow", EmptyModel.class, w -> w.sticky(StickyStrategy.SOFT));
    step1a = stickyWorkflow.task("step1a", WorkerOutput.class, (input, ctx) -> new WorkerOutput(ctx.workerId()));
    step1b = stickyWorkflow.task("step1b", WorkerOutput.class, (input, ctx) -> new WorkerOutput(ctx.workerId()));

    stickyChildWorkflow = hatchet.workflow("StickyChildWorkflow", EmptyModel.class, w -> w.sticky(StickyStrategy.SOFT));
    child = stickyChildWorkflow.task("child", WorkerOutput.class, (input, ctx) -> new WorkerOutput(ctx.workerId()));

    step2 = stickyWorkflow.task("step2", WorkerOutput.class, (input, ctx) -> {
      stickyChildWorkflow.runNoWait(new EmptyModel(), RunOptions.create().sticky(true)).result();
      return new WorkerOutput(ctx.workerId());
    }, o -> o.parents(step1a, step1b));
  }

  @Override
  public String name() {
    return "sticky_workers";
  }

  @Override
  public List<Definition<?, ?>> definitions() {
    return List.of(stickyWorkflow, stickyChildWorkflow);
  }
}
