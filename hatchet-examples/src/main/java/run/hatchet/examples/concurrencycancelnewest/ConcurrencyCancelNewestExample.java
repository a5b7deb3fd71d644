package run.hatchet.examples.concurrencycancelnewest;

import java.util.List;
import run.hatchet.Hatchet;
import run.hatchet.definition.Concurrency;
import run.hatchet.definition.ConcurrencyStrategy;
import run.hatchet.definition.Definition;
import run.hatchet.definition.TaskRef;
import run.hatchet.definition.Workflow;
import run.hatchet.examples.Example;

/**
 * CANCEL_NEWEST: while a group is at its limit, newly arriving runs of that group are cancelled and the
 * running one finishes (think "ignore double clicks"). Shown on a workflow ({@code ConcurrencyCancelNewest})
 * and on a single task ({@code ConcurrencyCancelNewestTaskLevel}).
 */
public final class ConcurrencyCancelNewestExample implements Example {

  /** {@code {"group": "A"}}. */
  public record WorkflowInput(String group) {}

  public final Workflow<WorkflowInput> concurrencyCancelNewestWorkflow;
  public final TaskRef<Void> step1;
  public final TaskRef<Void> step2;

  public final Workflow<WorkflowInput> concurrencyCancelNewestTaskLevelWorkflow;
  public final TaskRef<Void> task;

  public ConcurrencyCancelNewestExample(Hatchet hatchet) {
    concurrencyCancelNewestWorkflow = hatchet.workflow("ConcurrencyCancelNewest", WorkflowInput.class,
        w -> w.concurrency(Concurrency.of("input.group", 1, ConcurrencyStrategy.CANCEL_NEWEST)));
    step1 = concurrencyCancelNewestWorkflow.task("step1", Void.class, (input, ctx) -> sleepFiveSeconds());
    step2 = concurrencyCancelNewestWorkflow.task("step2", Void.class, (input, ctx) -> sleepFiveSeconds(),
        o -> o.parents(step1));

    concurrencyCancelNewestTaskLevelWorkflow = hatchet.workflow("ConcurrencyCancelNewestTaskLevel", WorkflowInput.class);
    task = concurrencyCancelNewestTaskLevelWorkflow.task("task", Void.class, (input, ctx) -> sleepFiveSeconds(),
        o -> o.concurrency(Concurrency.of("input.group", 1, ConcurrencyStrategy.CANCEL_NEWEST)));
  }

  /** Five seconds of work, long enough for newer runs to pile up meanwhile. */
  static Void sleepFiveSeconds() throws InterruptedException {
    for (int i = 0; i < 50; i++) {
      Thread.sleep(100);
    }
    return null;
  }

  @Override
  public String name() {
    return "concurrency_cancel_newest";
  }

  @Override
  public List<Definition<?, ?>> definitions() {
    return List.of(concurrencyCancelNewestWorkflow, concurrencyCancelNewestTaskLevelWorkflow);
  }
}
