package run.hatchet.examples.lifespans;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import run.hatchet.Hatchet;
import run.hatchet.definition.Definition;
import run.hatchet.definition.Task;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.Example;

/**
 * What other SDKs call a lifespan — state that lives as long as the worker, such as a connection pool —
 * is plain Java here: create it before the worker starts, let the tasks capture it, and close it after
 * the worker has drained. {@link run.hatchet.examples.ExamplesWorker} does exactly that on SIGTERM:
 * {@code worker.shutdown(grace)} lets running tasks finish, then each example's {@link #close()} runs.
 *
 * <pre>
 * FakePool pool = new FakePool();
 * Worker worker = hatchet.worker("drain-test-worker").register(tasksUsing(pool)).start();
 * Runtime.getRuntime().addShutdownHook(new Thread(() -&gt; {
 *   worker.shutdown(Duration.ofSeconds(30)); // running tasks still use the pool
 *   pool.close();
 * }));
 * </pre>
 */
public final class LifespansExample implements Example {
  private static final Logger log = LoggerFactory.getLogger(LifespansExample.class);

  /** {@code {"foo": "bar", "pi": 3.14}}: shared state, returned as is by {@code LifespanWorkflow}. */
  public record Lifespan(String foo, double pi) {}

  /** {@code {"n": 6}}. */
  public record DrainInput(int n) {}

  /** {@code {"status": "ok", "iterations": 6}}. */
  public record DrainResult(String status, int iterations) {}

  /** Stands in for a connection pool: refuses work once closed. */
  public static final class FakePool implements AutoCloseable {
    private volatile boolean closed;

    public void acquire() {
      if (closed) {
        throw new IllegalStateException("the pool is already closed");
      }
    }

    public boolean isClosed() {
      return closed;
    }

    @Override
    public void close() {
      closed = true;
      log.info("lifespans: pool closed");
    }
  }

  public final Lifespan lifespan = new Lifespan("bar", 3.14);
  public final FakePool pool = new FakePool();
  public final Task<EmptyModel, Lifespan> lifespanTask;
  public final Task<DrainInput, DrainResult> lifespanDrainTask;

  public LifespansExample(Hatchet hatchet) {
    lifespanTask = hatchet.task("LifespanWorkflow", EmptyModel.class, Lifespan.class, (input, ctx) -> lifespan);

    // keeps using the pool for n seconds: a worker stopped meanwhile must let it finish before closing the pool
    lifespanDrainTask = hatchet.task("LifespanDrainTask", DrainInput.class, DrainResult.class, (input, ctx) -> {
      int iterations = 0;
      for (int i = 0; i < input.n(); i++) {
        pool.acquire();
        iterations++;
        Thread.sleep(1_000);
      }
      return new DrainResult("ok", iterations);
    });
  }

  @Override
  public String name() {
    return "lifespans";
  }

  @Override
  public List<Definition<?, ?>> definitions() {
    return List.of(lifespanTask, lifespanDrainTask);
  }

  @Override
  public void close() {
    pool.close();
  }
}
