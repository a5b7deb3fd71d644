package run.hatchet.client;

import java.util.Iterator;
import java.util.stream.Stream;

/**
 * A live subscription to the chunks a run's tasks publish with {@code ctx.putStream(...)}. Obtain one
 * with {@link RunRef#stream()} or {@code hatchet.runs().subscribeToStream(runId)}, then iterate it (once):
 *
 * <pre>{@code
 * try (RunStream chunks = ref.stream()) {
 *   for (String chunk : chunks) {
 *     System.out.print(chunk);
 *   }
 * }
 * }</pre>
 *
 * <p>What is delivered:
 *
 * <ul>
 *   <li>Chunks published after the engine has set up the subscription. The engine has no history of
 *       chunks: anything a task published before that is not delivered. The engine sets the subscription
 *       up once the run is visible in its read model, which can take a second or more after the run was
 *       triggered, so a task that must not lose its first chunks should wait a moment before publishing.
 *   <li>The chunks of one task in the order the task published them. Chunks of different tasks of the
 *       same run (a DAG) are interleaved as they arrive.
 * </ul>
 *
 * <p>When it ends: iteration ends normally once the run has finished, whether it completed, failed or
 * was cancelled (use {@link RunRef#result()} for the outcome), or at once, with no chunks, if the run
 * had already finished when the subscription began. Should the engine not announce the end of a run
 * the client knows to be finished, the stream ends a few seconds later all the same. Should the engine end
 * the subscription while the run goes on (not finished 10 s later, as far as the client can tell), the
 * iteration ends with a {@link run.hatchet.HatchetException} rather than as if the run were over. The
 * engine sends the end of the run apart from the chunks and can deliver it first: chunks a task publishes
 * just before it finishes may not reach subscribers (a short pause after the last chunk avoids it).
 *
 * <p>Errors: a failed subscription (an unknown or malformed run id, a lost connection, a closed client)
 * ends the iteration with a {@link run.hatchet.HatchetException} ({@link run.hatchet.HatchetRpcException}
 * with the gRPC status for the engine's errors). There is no silent reconnect, since chunks published
 * while disconnected would be lost unnoticed.
 *
 * <p>{@link #close()} cancels the subscription (from any thread); a consumer blocked waiting for the next
 * chunk then sees the end of the iteration. Closing a stream does not affect the run.
 */
public interface RunStream extends Iterable<String>, AutoCloseable {
  /** The workflow run whose chunks this stream delivers. */
  String runId();

  /**
   * The chunks, in arrival order. {@code hasNext()} blocks until the next chunk arrives or the stream
   * ends. Can be called once per stream.
   *
   * @throws IllegalStateException when called a second time
   */
  @Override
  Iterator<String> iterator();

  /** The chunks as a sequential {@link Stream}; closing it closes this subscription. Single use, like {@link #iterator()}. */
  Stream<String> stream();

  /** Cancels the subscription. Idempotent. */
  @Override
  void close();
}
