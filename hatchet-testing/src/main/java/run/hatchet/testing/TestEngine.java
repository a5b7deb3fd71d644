package run.hatchet.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;
import run.hatchet.Hatchet;
import run.hatchet.definition.Definition;
import run.hatchet.features.RunDetails;
import run.hatchet.worker.Worker;
import run.hatchet.worker.WorkerBuilder;

/**
 * A test class's access to the engine under {@link HatchetTest}: its client (in a namespace of its own)
 * and the workers it started, which are stopped after the class.
 */
public final class TestEngine {
  /** How long a worker may finish running tasks when the class is over. */
  public static final Duration WORKER_GRACE = Duration.ofSeconds(5);
  /** How long {@link #awaitRun(String, Predicate)} waits. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private final Hatchet hatchet;
  private final String workerPrefix;
  private final List<Worker> workers = new ArrayList<>();
  private boolean closed;

  TestEngine(Hatchet hatchet, Class<?> testClass) {
    this.hatchet = hatchet;
    this.workerPrefix = "test-" + testClass.getSimpleName().toLowerCase(Locale.ROOT);
  }

  /** The client, configured from the environment, in this class's namespace. */
  public Hatchet hatchet() {
    return hatchet;
  }

  /** This class's namespace (ends with an underscore), prefixed to its workflow, event and worker names. */
  public String namespace() {
    return hatchet.config().namespace();
  }

  /** Starts a worker serving {@code definitions}; it is stopped after the class. */
  public Worker startWorker(Definition<?, ?>... definitions) {
    return startWorker(b -> b.register(definitions));
  }

  /**
   * Starts a worker configured by {@code configure} (register definitions, slots, labels, …); it is
   * stopped after the class.
   */
  public synchronized Worker startWorker(Consumer<WorkerBuilder> configure) {
    Objects.requireNonNull(configure, "configure");
    if (closed) {
      throw new IllegalStateException("the test class is over: no more workers");
    }
    WorkerBuilder b = hatchet.worker(workerPrefix + "-" + (workers.size() + 1));
    configure.accept(b);
    Worker w = b.start();
    workers.add(w);
    return w;
  }

  /** The engine's details of a run, once {@code done} holds for them (the read model lags a little). */
  public RunDetails awaitRun(String runId, Predicate<RunDetails> done) {
    return awaitRun(runId, done, DEFAULT_TIMEOUT);
  }

  public RunDetails awaitRun(String runId, Predicate<RunDetails> done, Duration timeout) {
    return Await.until(() -> hatchet.runs().get(runId), done, timeout);
  }

  /** The engine's details of a run once its status is final (completed, failed or cancelled). */
  public RunDetails awaitFinished(String runId) {
    return awaitRun(runId, d -> d.status() != null && d.status().isFinal());
  }

  /** Stops the workers (each gets {@link #WORKER_GRACE}), then closes the client. */
  synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    RuntimeException failure = null;
    for (Worker w : workers) {
      try {
        w.shutdown(WORKER_GRACE);
      } catch (RuntimeException e) {
        failure = add(failure, e);
      }
    }
    try {
      hatchet.close();
    } catch (RuntimeException e) {
      failure = add(failure, e);
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static RuntimeException add(RuntimeException first, RuntimeException next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }
}
