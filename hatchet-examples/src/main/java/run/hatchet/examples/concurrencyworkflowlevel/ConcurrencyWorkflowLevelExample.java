package run.hatchet.examples.concurrencyworkflowlevel;

import java.util.List;
import run.hatchet.Hatchet;
import run.hatchet.definition.Concurrency;
import run.hatchet.definition.ConcurrencyStrategy;
import run.hatchet.definition.Definition;
import run.hatchet.definition.TaskRef;
import run.hatchet.definition.Workflow;
import run.hatchet.examples.Example;

/**
 * Concurrency limits on a whole workflow: they count runs, however many tasks each run has. At most 8
 * runs per {@code digit} and 3 per {@code name} at a time.
 */
public final class ConcurrencyWorkflowLevelExample implements Example {
  public static final int SLEEP_SECONDS = 2;
  public static final int DIGIT_MAX_RUNS = 8;
  public static final int NAME_MAX_RUNS = 3;

  /** {@code {"name": "Anna", "digit": "3"}}. */
  public record WorkflowInput(String name, String digit) {}

  public final Workflow<WorkflowInput> concurrencyWorkflowLevelWorkflow;
  public final TaskRef<Void> task1;
  public final TaskRef<Void> task2;

  public ConcurrencyWorkflowLevelExample(Hatchet hatchet) {
    concurrencyWorkflowLevelWorkflow = hatchet.workflow("ConcurrencyWorkflowLevel", WorkflowInput.class,
        w -> w.concurrency(
            Concurrency.of("input.digit", DIGIT_MAX_RUNS, ConcurrencyStrategy.GROUP_ROUND_ROBIN),
            Concurrency.of("input.name", NAME_MAX_RUNS, ConcurrencyStrategy.GROUP_ROUND_ROBIN)));
    task1 = concurrencyWorkflowLevelWorkflow.task("task_1", Void.class, (input, ctx) -> {
      Thread.sleep(SLEEP_SECONDS * 1_000L);
      return null;
    });
    task2 = concurrencyWorkflowLevelWorkflow.task("task_2", Void.class, (input, ctx) -> {
      Thread.sleep(SLEEP_SECONDS * 1_000L);
      return null;
    });
  }

  @Override
  public String name() {
    return "concurrency_workflow_level";
  }

  @Override
  public List<Definition<?, ?>> definitions() {
    return List.of(concurrencyWorkflowLevelWorkflow);
  }
}
