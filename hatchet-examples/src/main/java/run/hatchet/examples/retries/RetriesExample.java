package run.hatchet.examples.retries;

import java.util.List;
import run.hatchet.Hatchet;
import run.hatchet.definition.Definition;
import run.hatchet.definition.TaskRef;
import run.hatchet.definition.Workflow;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.Example;

/**
 * Retries: a failing task is tried again, up to its {@code retries} count; {@code ctx.retryCount()} says
 * which attempt is running. With a backoff the engine waits {@code min(maxSeconds, factor^n)} seconds
 * before retry n: here 2, 4, 8, then 10 seconds.
 */
public final class RetriesExample implements Example {

  /** {@code {"status": "success"}}. */
  public record Status(String status) {}

  public final Workflow<EmptyModel> simpleWorkflow;
  public final TaskRef<Status> alwaysFail;
  public final TaskRef<Status> failTwice;
  public final Workflow<EmptyModel> backoffWorkflow;
  public final TaskRef<Status> backoffTask;

  public RetriesExample(Hatchet hatchet) {
    simpleWorkflow = hatchet.workflow("SimpleRetryWorkflow", EmptyModel.class);

    // fails on every attempt: 1 try + 3 retries, then the run fails
    alwaysFail = simpleWorkflow.task("always_fail", Status.class, (input, ctx) -> {
      throw new IllegalStateException("simple task failed");
    }, o -> o.retries(3));

    // fails on the first two attempts, succeeds on the third
    failTwice = simpleWorkflow.task("fail_twice", Status.class, (input, ctx) -> {
      if (ctx.retryCount() < 2) {
        throw new IllegalStateException("simple task failed");
      }
      return new Status("success");
    }, o -> o.retries(3));

    backoffWorkflow = hatchet.workflow("BackoffWorkflow", EmptyModel.class);
    backoffTask = backoffWorkflow.task("backoff_task", Status.class, (input, ctx) -> {
      if (ctx.retryCount() < 3) {
        throw new IllegalStateException("backoff task failed");
      }
      return new Status("success");
    }, o -> o.retries(10).backoff(2.0, 10));
  }

  @Override
  public String name() {
    return "retries";
  }

  @Override
  public List<Definition<?, ?>> definitions() {
    return List.of(simpleWorkflow, backoffWorkflow);
  }
}
