package run.hatchet.testing;

import java.util.List;

/**
 * How a {@link MockRun} ended: the typed output or the exception the task threw, and the context with
 * everything the task sent (log lines, stream chunks, cancellation requests).
 *
 * @param <O> the task's output type
 */
public final class MockResult<O> {
  private final MockContext context;
  private final O output;
  private final String outputJson;
  private final Throwable error;

  MockResult(MockContext context, O output, String outputJson, Throwable error) {
    this.context = context;
    this.output = output;
    this.outputJson = outputJson;
    this.error = error;
  }

  /** True when the task returned (its output serialized). */
  public boolean succeeded() {
    return error == null;
  }

  /**
   * The output, serialized and read back as the task's declared output type (null when the task
   * returned null).
   *
   * @throws AssertionError when the task failed; the task's exception is its cause
   */
  public O output() {
    if (error != null) {
      throw new AssertionError("task '" + context.taskName() + "' failed: " + error, error);
    }
    return output;
  }

  /** The output as the worker would send it to the engine (JSON), or null. */
  public String outputJson() {
    return outputJson;
  }

  /** The exception the task threw (or that serializing its input or output threw), or null on success. */
  public Throwable error() {
    return error;
  }

  /** True when the attempt was cancelled (by the test or by the task's own cancel request). */
  public boolean cancelled() {
    return context.isCancelled();
  }

  /** The context the task ran with, with everything it recorded. */
  public MockContext context() {
    return context;
  }

  /** Log lines written with {@code ctx.log}. */
  public List<MockContext.LogLine> logs() {
    return context.logs();
  }

  /** The messages of the log lines. */
  public List<String> logMessages() {
    return context.logMessages();
  }

  /** Chunks put with {@code ctx.putStream}. */
  public List<String> streamChunks() {
    return context.streamChunks();
  }
}
