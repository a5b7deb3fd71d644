package run.hatchet.examples.timeout;

import java.time.Duration;
import java.util.List;
import run.hatchet.Hatchet;
import run.hatchet.definition.Definition;
import run.hatchet.definition.TaskRef;
import run.hatchet.definition.Workflow;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.Example;

/**
 * Timeouts. The execution timeout bounds one attempt once it runs (the engine cancels it and the task's
 * thread is interrupted); the schedule timeout bounds the wait in the queue. A task that needs longer
 * can extend its own deadline with {@code ctx.refreshTimeout}.
 */
public final class TimeoutExample implements Example {

  /** {@code {"status": "success"}}. */
  public record Status(String status) {}

  public final Workflow<EmptyModel> timeoutWf;
  public final TaskRef<Status> timeoutTask;
  public final Workflow<EmptyModel> refreshTimeoutWf;
  public final TaskRef<Status> refreshTask;

  public TimeoutExample(Hatchet hatchet) {
    // a default for every task of the workflow, overridden by the task below
    timeoutWf = hatchet.workflow("TimeoutWorkflow", EmptyModel.class,
        w -> w.taskDefaults(t -> t.executionTimeout(Duration.ofMinutes(2))));
    timeoutTask = timeoutWf.task("timeout_task", Status.class, (input, ctx) -> {
      Thread.sleep(30_000);
      return new Status("success");
    }, o -> o.executionTimeout(Duration.ofSeconds(5)).scheduleTimeout(Duration.ofMinutes(10)));

    refreshTimeoutWf = hatchet.workflow("RefreshTimeoutWorkflow", EmptyModel.class);
    refreshTask = refreshTimeoutWf.task("refresh_task", Status.class, (input, ctx) -> {
      ctx.refreshTimeout(Duration.ofSeconds(10));
      Thread.sleep(5_000);
      return new Status("success");
    }, o -> o.executionTimeout(Duration.ofSeconds(4)));
  }

  @Override
  public String name() {
    return "timeout";
  }

  @Override
  public List<Definition<?, ?>> definitions() {
    return List.of(timeoutWf, refreshTimeoutWf);
  }
}
