package run.hatchet.definition;

import java.lang.reflect.Type;
import java.util.function.Consumer;
import run.hatchet.client.WorkflowResult;
import run.hatchet.internal.client.ClientCore;
import run.hatchet.internal.registration.WorkflowSpec;

/**
 * A standalone task: a workflow of one task with the same name. Its result is the task's output.
 * Create with {@code hatchet.task(...)}.
 */
public final class Task<I, O> extends Definition<I, O> implements TaskRef<O> {
  private final Workflow<I> workflow;
  private final Type outputType;

  private Task(ClientCore core, String name, Type inputType, Type outputType, Workflow<I> workflow) {
    super(core, name, inputType);
    this.workflow = workflow;
    this.outputType = outputType;
  }

  /** SDK-internal factory; use {@code hatchet.task(...)}. */
  public static <I, O> Task<I, O> create(ClientCore core, String name, Class<I> inputType, Class<O> outputType,
      TaskFn<I, O> fn, Consumer<TaskOptions> taskOptions, Consumer<WorkflowOptions> workflowOptions) {
    Workflow<I> wf = new Workflow<>(core, name, inputType, workflowOptions);
    wf.task(name, outputType, fn, taskOptions);
    return new Task<>(core, name, inputType, outputType, wf);
  }

  /** SDK-internal factory; use {@code hatchet.durableTask(...)}. */
  public static <I, O> Task<I, O> createDurable(ClientCore core, String name, Class<I> inputType, Class<O> outputType,
      DurableTaskFn<I, O> fn, Consumer<TaskOptions> taskOptions, Consumer<WorkflowOptions> workflowOptions) {
    Workflow<I> wf = new Workflow<>(core, name, inputType, workflowOptions);
    wf.durableTask(name, outputType, fn, taskOptions);
    return new Task<>(core, name, inputType, outputType, wf);
  }

  /** SDK-internal; use {@code hatchet.stubTask(...)}: a standalone task served elsewhere, run by name. */
  public static <I, O> Task<I, O> stub(ClientCore core, String name, Class<I> inputType, Class<O> outputType) {
    return new Task<>(core, name, inputType, outputType, Workflow.stub(core, name, inputType));
  }

  @Override
  public Type outputType() {
    return outputType;
  }

  @Override
  public WorkflowSpec spec() {
    return workflow.spec();
  }

  @Override
  O fromResult(WorkflowResult result) {
    return result.output(name, outputType);
  }
}
