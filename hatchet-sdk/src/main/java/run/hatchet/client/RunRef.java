package run.hatchet.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A triggered run: its id and, when it finishes, its result. */
public interface RunRef<R> {
  /** The workflow run id. */
  String id();

  /** Blocks until the run finishes; throws {@link RunFailedException} if it failed or was cancelled. */
  R result();

  /** Like {@link #result()}, giving up after {@code timeout} with a {@link run.hatchet.HatchetException}. */
  R result(Duration timeout);

  /** The result as a future, completed from the client's shared result stream. */
  CompletableFuture<R> resultAsync();

  /**
   * Subscribes to the chunks the run's tasks publish with {@code ctx.putStream(...)}; the iteration ends
   * when the run finishes. Only chunks published after the subscription is set up are delivered: see
   * {@link RunStream}. Close the stream when done with it early.
   */
  RunStream stream();
}
