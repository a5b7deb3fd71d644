package run.hatchet.examples.returnexceptions;

import java.util.List;
import run.hatchet.Hatchet;
import run.hatchet.definition.Definition;
import run.hatchet.definition.Task;
import run.hatchet.definition.TaskRef;
import run.hatchet.definition.Workflow;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.Example;

/**
 * Bulk runs whose failures come back as values: {@code runManyOutcomes} returns one outcome per input,
 * in order, holding either the result or the run's error, instead of throwing at the first failure.
 * {@code ExceptionParsingWorkflow} fails in odd ways (nameless exception classes, empty messages) to show
 * that every failure still reaches the caller with a readable error.
 */
public final class ReturnExceptionsExample implements Example {

  /** {@code {"index": 3}}. */
  public record Input(int index) {}

  /** {@code {"message": "this is a successful task."}}. */
  public record Message(String message) {}

  public final Task<Input, Message> returnExceptionsTask;
  public final Workflow<EmptyModel> exceptionParsingWorkflow;
  public final List<TaskRef<Void>> exceptionTasks;

  public ReturnExceptionsExample(Hatchet hatchet) {
    returnExceptionsTask = hatchet.task("return_exceptions_task", Input.class, Message.class, (input, ctx) -> {
      if (input.index() % 2 == 0) {
        throw new IllegalArgumentException("error in task with index " + input.index());
      }
      return new Message("this is a successful task.");
    });

    exceptionParsingWorkflow = hatchet.workflow("ExceptionParsingWorkflow", EmptyModel.class);
    exceptionTasks = List.of(
        // an anonymous exception class: no simple name
        exceptionParsingWorkflow.task("exception_class_no_name_task", Void.class, (input, ctx) -> {
          throw new RuntimeException() {
            private static final long serialVersionUID = 1L;
          };
        }),
        exceptionParsingWorkflow.task("exception_class_task", Void.class, (input, ctx) -> {
          throw new IllegalArgumentException();
        }),
        exceptionParsingWorkflow.task("exception_instance_no_args_task", Void.class, (input, ctx) -> {
          throw new IllegalArgumentException((String) null);
        }),
        exceptionParsingWorkflow.task("exception_instance_falsy_arg_task", Void.class, (input, ctx) -> {
          throw new IllegalArgumentException("");
        }),
        exceptionParsingWorkflow.task("exception_instance_truthy_arg_task", Void.class, (input, ctx) -> {
          throw new IllegalArgumentException("Oh no!");
        }));
  }

  @Override
  public String name() {
    return "return_exceptions";
  }

  @Override
  public List<Definition<?, ?>> definitions() {
    return List.of(returnExceptionsTask, exceptionParsingWorkflow);
  }
}
