package run.hatchet.examples.workflowpause;

import java.util.List;
import run.hatchet.Hatchet;
import run.hatchet.definition.Definition;
import run.hatchet.definition.Task;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.Example;

/**
 * Pausing a workflow. {@code pausable_workflow} is an ordinary task answering
 * {@code {"result": "Hello, world!"}}; what the example shows happens outside it, through the workflows
 * client: {@code hatchet.workflows().pause(id, queueTtl, crons, scheduled)} keeps new runs queued (runs
 * queued longer than {@code queueTtl} are cancelled; runs from crons and schedules can be queued too or
 * dropped), and {@code unpause(id)} releases the queued runs to workers.
 */
public final class WorkflowPauseExample implements Example {

  /** The task's output. */
  public record Result(String result) {}

  public final Task<EmptyModel, Result> pausableWorkflow;

  public WorkflowPauseExample(Hatchet hatchet) {
    pausableWorkflow = hatchet.task("pausable_workflow", EmptyModel.class, Result.class,
        (input, ctx) -> new Result("Hello, world!"));
  }

  @Override
  public String name() {
    return "workflow_pause";
  }

  @Override
  public List<Definition<?, ?>> definitions() {
    return List.of(pausableWorkflow);
  }
}
