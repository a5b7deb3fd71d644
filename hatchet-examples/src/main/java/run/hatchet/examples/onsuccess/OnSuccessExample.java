package run.hatchet.examples.onsuccess;

import java.util.List;
import run.hatchet.Hatchet;
import run.hatchet.definition.Definition;
import run.hatchet.definition.TaskRef;
import run.hatchet.definition.Workflow;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.Example;

/** An on-success task runs once every other task of the run has completed. */
public final class OnSuccessExample implements Example {

  public final Workflow<EmptyModel> onSuccessWorkflow;
  public final TaskRef<Void> firstTask;
  public final TaskRef<Void> secondTask;
  public final TaskRef<Void> thirdTask;
  public final TaskRef<Void> fourthTask;
  public final TaskRef<Void> onSuccessTask;

  public OnSuccessExample(Hatchet hatchet) {
    onSuccessWorkflow = hatchet.workflow("OnSuccessWorkflow", EmptyModel.class);
    firstTask = onSuccessWorkflow.task("first_task", Void.class, (input, ctx) -> {
      ctx.log("First task completed successfully");
      return null;
    });
    secondTask = onSuccessWorkflow.task("second_task", Void.class, (input, ctx) -> {
      ctx.log("Second task completed successfully");
      return null;
    }, o -> o.parents(firstTask));
    thirdTask = onSuccessWorkflow.task("third_task", Void.class, (input, ctx) -> {
      ctx.log("Third task completed successfully");
      return null;
    }, o -> o.parents(firstTask, secondTask));
    fourthTask = onSuccessWorkflow.task("fourth_task", Void.class, (input, ctx) -> {
      ctx.log("Fourth task completed successfully");
      return null;
    });
    onSuccessTask = onSuccessWorkflow.onSuccess("on_success_task", Void.class, (input, ctx) -> {
      ctx.log("On success task completed successfully");
      return null;
    });
  }

  @Override
  public String name() {
    return "on_success";
  }

  @Override
  public List<Definition<?, ?>> definitions() {
    return List.of(onSuccessWorkflow);
  }
}
