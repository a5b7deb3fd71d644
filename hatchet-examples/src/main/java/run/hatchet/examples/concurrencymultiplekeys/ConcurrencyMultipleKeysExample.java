package run.hatchet.examples.concurrencymultiplekeys;

import java.util.List;
import run.hatchet.Hatchet;
import run.hatchet.definition.Concurrency;
import run.hatchet.definition.ConcurrencyStrategy;
import run.hatchet.definition.Definition;
import run.hatchet.definition.TaskRef;
import run.hatchet.definition.Workflow;
import run.hatchet.examples.Example;

/**
 * Several concurrency limits on one task, all enforced at once: at most 8 runs per {@code digit} and at
 * most 3 per {@code name}.
 */
public final class ConcurrencyMultipleKeysExample implements Example {
  public static final int SLEEP_SECONDS = 2;
  public static final int DIGIT_MAX_RUNS = 8;
  public static final int NAME_MAX_RUNS = 3;

  /** {@code {"name": "Anna", "digit": "3"}}. */
  public record WorkflowInput(String name, String digit) {}

  public final Workflow<WorkflowInput> concurrencyMultipleKeysWorkflow;
  public final TaskRef<Void> concurrencyTask;

  public ConcurrencyMultipleKeysExample(Hatchet hatchet) {
    concurrencyMultipleKeysWorkflow = hatchet.workflow("ConcurrencyWorkflowManyKeys", WorkflowInput.class);
    concurrencyTask = concurrencyMultipleKeysWorkflow.task("concurrency_task", Void.class, (input, ctx) -> {
      Thread.sleep(SLEEP_SECONDS * 1_000L);
      return null;
    }, o -> o.concurrency(
        Concurrency.of("input.digit", DIGIT_MAX_RUNS, ConcurrencyStrategy.GROUP_ROUND_ROBIN),
        Concurrency.of("input.name", NAME_MAX_RUNS, ConcurrencyStrategy.GROUP_ROUND_ROBIN)));
  }

  @Override
  public String name() {
    return "concurrency_multiple_keys";
  }

  @Override
  public List<Definition<?, ?>> definitions() {
    return List.of(concurrencyMultipleKeysWorkflow);
  }
}
