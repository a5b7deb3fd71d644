package run.hatchet.examples.priority;

import java.util.List;
import run.hatchet.Hatchet;
import run.hatchet.definition.Definition;
import run.hatchet.definition.TaskRef;
import run.hatchet.definition.Workflow;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.Example;

/**
 * Priorities: when runs wait for a slot, higher-priority runs (3 = high, 2 = medium, 1 = low) are
 * assigned first. A run gets its priority when triggered ({@code RunOptions.priority}), from the event
 * that started it, or from the workflow's default — low here.
 */
public final class PriorityExample implements Example {
  public static final int LOW = 1;
  public static final int MEDIUM = 2;
  public static final int HIGH = 3;
  public static final int DEFAULT_PRIORITY = LOW;
  public static final long SLEEP_MILLIS = 250;

  public final Workflow<EmptyModel> priorityWorkflow;
  public final TaskRef<Void> priorityTask;

  public PriorityExample(Hatchet hatchet) {
    priorityWorkflow = hatchet.workflow("PriorityWorkflow", EmptyModel.class, w -> w.defaultPriority(DEFAULT_PRIORITY));
    priorityTask = priorityWorkflow.task("priority_task", Void.class, (input, ctx) -> {
      ctx.log("Priority: " + ctx.priority());
      Thread.sleep(SLEEP_MILLIS);
      return null;
    });
  }

  @Override
  public String name() {
    return "priority";
  }

  @Override
  public List<Definition<?, ?>> definitions() {
    return List.of(priorityWorkflow);
  }
}
