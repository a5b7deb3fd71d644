package run.hatchet.testing;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link MockRun} in progress, from {@link MockRun#start()}: cancel it as the engine would, or wait
 * for its result.
 *
 * @param <O> the task's output type
 */
public final class MockExecution<O> {
  /** How long {@link #await()} waits. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private final MockContext context;
  private final CompletableFuture<MockResult<O>> done;

  MockExecution(MockContext context, CompletableFuture<MockResult<O>> done) {
    this.context = context;
    this.done = done;
  }

  /** The running task's context (log lines and stream chunks so far). */
  public MockContext context() {
    return context;
  }

  /** True once the task has returned or thrown. */
  public boolean isDone() {
    return done.isDone();
  }

  /**
   * Cancels the attempt as the engine would: {@code ctx.isCancelled()} turns true, the task's
   * {@code onCancel} callbacks run and its thread is interrupted. Returns false if it already was.
   */
  public boolean cancel() {
    return context.cancel();
  }

  /** Waits up to {@link #DEFAULT_TIMEOUT} for the result. */
  public MockResult<O> await() {
    return await(DEFAULT_TIMEOUT);
  }

  /**
   * Waits for the result.
   *
   * @throws AssertionError when the task has not finished within {@code timeout}
   */
  public MockResult<O> await(Duration timeout) {
    try {
      return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("task '" + context.taskName() + "' did not finish within " + timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for task '" + context.taskName() + "'", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }
}
