package run.hatchet.examples.nonretryable;

import java.util.List;
import run.hatchet.Hatchet;
import run.hatchet.NonRetryableException;
import run.hatchet.definition.Definition;
import run.hatchet.definition.TaskRef;
import run.hatchet.definition.Workflow;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.Example;

/**
 * Failures that retrying cannot fix: throw {@link NonRetryableException} and the engine skips the
 * remaining retries. Any other exception is retried as configured.
 */
public final class NonRetryableExample implements Example {

  public final Workflow<EmptyModel> nonRetryableWorkflow;
  public final TaskRef<Void> shouldNotRetry;
  public final TaskRef<Void> shouldRetryWrongExceptionType;
  public final TaskRef<Void> shouldNotRetrySuccessfulTask;

  public NonRetryableExample(Hatchet hatchet) {
    nonRetryableWorkflow = hatchet.workflow("NonRetryableWorkflow", EmptyModel.class);

    shouldNotRetry = nonRetryableWorkflow.task("should_not_retry", Void.class, (input, ctx) -> {
      throw new NonRetryableException("This task should not retry");
    }, o -> o.retries(1));

    shouldRetryWrongExceptionType = nonRetryableWorkflow.task("should_retry_wrong_exception_type", Void.class,
        (input, ctx) -> {
          throw new IllegalArgumentException("This task should retry because it's not a NonRetryableException");
        }, o -> o.retries(1));

    shouldNotRetrySuccessfulTask = nonRetryableWorkflow.task("should_not_retry_successful_task", Void.class,
        (input, ctx) -> null, o -> o.retries(1));
  }

  @Override
  public String name() {
    return "non_retryable";
  }

  @Override
  public List<Definition<?, ?>> definitions() {
    return List.of(nonRetryableWorkflow);
  }
}
