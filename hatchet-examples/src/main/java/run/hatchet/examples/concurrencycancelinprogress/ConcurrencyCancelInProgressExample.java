package run.hatchet.examples.concurrencycancelinprogress;

import java.util.List;
import run.hatchet.Hatchet;
import run.hatchet.definition.Concurrency;
import run.hatchet.definition.ConcurrencyStrategy;
import run.hatchet.definition.Definition;
import run.hatchet.definition.TaskRef;
import run.hatchet.definition.Workflow;
import run.hatchet.examples.Example;

/**
 * CANCEL_IN_PROGRESS: a new run of a group that is at its limit cancels the group's running run, so the
 * newest always wins (think "only the latest search request matters"). Shown on a workflow
 * ({@code ConcurrencyCancelInProgress}) and on a single task
 * ({@code ConcurrencyCancelInProgressTaskLevel}).
 */
public final class ConcurrencyCancelInProgressExample implements Example {

  /** {@code {"group": "A"}}. */
  public record WorkflowInput(String group) {}

  public final Workflow<WorkflowInput> concurrencyCancelInProgressWorkflow;
  public final TaskRef<Void> step1;
  public final TaskRef<Void> step2;

  public final Workflow<WorkflowInput> concurrencyCancelInProgressTaskLevelWorkflow;
  public final TaskRef<Void> task;

  public ConcurrencyCancelInProgressExample(Hatchet hatchet) {
    concurrencyCancelInProgressWorkflow = hatchet.workflow("ConcurrencyCancelInProgress", WorkflowInput.class,
        w -> w.concurrency(Concurrency.of("input.group", 1, ConcurrencyStrategy.CANCEL_IN_PROGRESS)));
    step1 = concurrencyCancelInProgressWorkflow.task("step1", Void.class, (input, ctx) -> sleepFiveSeconds());
    step2 = concurrencyCancelInProgressWorkflow.task("step2", Void.class, (input, ctx) -> sleepFiveSeconds(),
        o -> o.parents(step1));

    // the same strategy on a task instead of the whole workflow
    concurrencyCancelInProgressTaskLevelWorkflow = hatchet.workflow("ConcurrencyCancelInProgressTaskLevel",
        WorkflowInput.class);
    task = concurrencyCancelInProgressTaskLevelWorkflow.task("task", Void.class, (input, ctx) -> sleepFiveSeconds(),
        o -> o.concurrency(Concurrency.of("input.group", 1, ConcurrencyStrategy.CANCEL_IN_PROGRESS)));
  }

  /** Five seconds of work in small steps; a cancellation interrupts it. */
  static Void sleepFiveSeconds() throws InterruptedException {
    for (int i = 0; i < 50; i++) {
      Thread.sleep(100);
    }
    return null;
  }

  @Override
  public String name() {
    return "concurrency_cancel_in_progress";
  }

  @Override
  public List<Definition<?, ?>> definitions() {
    return List.of(concurrencyCancelInProgressWorkflow, concurrencyCancelInProgressTaskLevelWorkflow);
  }
}
