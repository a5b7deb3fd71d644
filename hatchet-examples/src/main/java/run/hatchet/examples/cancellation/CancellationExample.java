package run.hatchet.examples.cancellation;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import run.hatchet.Hatchet;
import run.hatchet.definition.Definition;
import run.hatchet.definition.TaskRef;
import run.hatchet.definition.Workflow;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.Example;

/**
 * Cancellation. A task can cancel itself ({@code ctx.cancelTask()}) or its whole run
 * ({@code ctx.cancelRun()}); runs are also cancelled from outside, through the engine. A cancelled task's
 * thread is interrupted, so blocking calls such as {@code Thread.sleep} end with an
 * {@link InterruptedException}; code that does not block can check {@code ctx.isCancelled()} between steps.
 */
public final class CancellationExample implements Example {

  /** What the tasks would return if they were not cancelled. */
  public record ErrorMessage(String error) {}

  public final Workflow<EmptyModel> cancellationWorkflow;
  public final TaskRef<ErrorMessage> selfCancel;
  public final TaskRef<ErrorMessage> checkFlag;

  public CancellationExample(Hatchet hatchet) {
    cancellationWorkflow = hatchet.workflow("CancelWorkflow", EmptyModel.class);

    selfCancel = cancellationWorkflow.task("self_cancel", ErrorMessage.class, (input, ctx) -> {
      Thread.sleep(2_000);
      ctx.cancelTask();
      Thread.sleep(10_000); // interrupted by the cancellation
      return new ErrorMessage("Task should have been cancelled");
    });

    checkFlag = cancellationWorkflow.task("check_flag", ErrorMessage.class, (input, ctx) -> {
      for (int i = 0; i < 3; i++) {
        workFor(Duration.ofSeconds(1));
        if (ctx.isCancelled()) {
          ctx.log("Task has been cancelled");
          throw new IllegalStateException("Task has been cancelled");
        }
      }
      return new ErrorMessage("Task should have been cancelled");
    });
  }

  /** Stands in for work that does not react to interrupts (it returns early, but throws nothing). */
  private static void workFor(Duration d) {
    LockSupport.parkNanos(d.toNanos());
  }

  @Override
  public String name() {
    return "cancellation";
  }

  @Override
  public List<Definition<?, ?>> definitions() {
    return List.of(cancellationWorkflow);
  }
}
