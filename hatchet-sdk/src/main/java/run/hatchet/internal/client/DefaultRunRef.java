package run.hatchet.internal.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import run.hatchet.HatchetException;
import run.hatchet.client.RunRef;
import run.hatchet.client.RunStream;
import run.hatchet.client.WorkflowResult;

/** A run handle whose result comes from the client's shared result stream. */
public final class DefaultRunRef<R> implements RunRef<R> {
  private final ClientCore core;
  private final String id;
  private final Function<WorkflowResult, R> mapper;
  private CompletableFuture<R> future;

  public DefaultRunRef(ClientCore core, String id, Function<WorkflowResult, R> mapper) {
    this.core = core;
    this.id = id;
    this.mapper = mapper;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public synchronized CompletableFuture<R> resultAsync() {
    if (future == null) {
      future = core.runListener().await(id).thenApply(mapper);
    }
    return future;
  }

  @Override
  public RunStream stream() {
    return core.runStreams().subscribe(id);
  }

  @Override
  public R result() {
    try {
      return resultAsync().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HatchetException("interrupted while waiting for run " + id, e);
    } catch (ExecutionException e) {
      throw unwrap(e.getCause());
    }
  }

  @Override
  public R result(Duration timeout) {
    try {
      return resultAsync().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HatchetException("interrupted while waiting for run " + id, e);
    } catch (ExecutionException e) {
      throw unwrap(e.getCause());
    } catch (TimeoutException e) {
      throw new HatchetException("run " + id + " did not finish within " + timeout, e);
    }
  }

  private static RuntimeException unwrap(Throwable t) {
    if (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t instanceof RuntimeException ? (RuntimeException) t : new HatchetException(t.getMessage(), t);
  }

  @Override
  public String toString() {
    return "RunRef(" + id + ")";
  }
}
