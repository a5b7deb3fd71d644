package run.hatchet.worker;

import java.time.Duration;
import run.hatchet.internal.worker.WorkerRuntime;

/** A running (or stopped) worker. Create one with {@code hatchet.worker("name")...start()}. */
public final class Worker implements AutoCloseable {
  private final WorkerRuntime runtime;

  Worker(WorkerRuntime runtime) {
    this.runtime = runtime;
  }

  /** The worker id the engine assigned at registration. */
  public String id() {
    return runtime.workerId();
  }

  /** The registered (namespaced) name. */
  public String name() {
    return runtime.name();
  }

  /** True while the action stream is open and heartbeats succeed. */
  public boolean isConnected() {
    return runtime.isConnected();
  }

  /** Tasks executing right now. */
  public int runningTasks() {
    return runtime.runningTasks();
  }

  /** Port of the health server, or null when it is off. */
  public Integer healthPort() {
    return runtime.healthPort();
  }

  /**
   * Graceful stop: the engine stops assigning tasks to this worker, running tasks get {@code grace} to
   * finish (heartbeats continue), the rest are cancelled, pending results are delivered. Blocks until done.
   */
  public void shutdown(Duration grace) {
    runtime.shutdown(grace);
  }

  /** Stops at once: running tasks are cancelled (and reported failed so the engine can retry them). */
  public void shutdownNow() {
    runtime.shutdown(Duration.ZERO);
  }

  /** Waits until the worker has stopped. */
  public boolean awaitTermination(Duration timeout) {
    return runtime.awaitTermination(timeout);
  }

  public boolean isTerminated() {
    return runtime.isTerminated();
  }

  /** {@link #shutdown(Duration)} with a 30 second grace period. */
  @Override
  public void close() {
    shutdown(Duration.ofSeconds(30));
  }
}
