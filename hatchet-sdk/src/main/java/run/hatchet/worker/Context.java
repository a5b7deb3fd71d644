package run.hatchet.worker;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import run.hatchet.definition.TaskRef;

/** What a running task can see and do. One context per task attempt; safe to use from other threads. */
public interface Context {

  /** The workflow run id. */
  String workflowRunId();

  /** The task run id (the same across retries). */
  String taskRunId();

  /** The task's name. */
  String taskName();

  /** 0 on the first attempt, then 1, 2, … on retries. */
  int retryCount();

  /** 1-based attempt number ({@code retryCount() + 1}). */
  default int attemptNumber() {
    return retryCount() + 1;
  }

  /** The run's additional metadata (including engine-added {@code hatchet__*} keys). */
  Map<String, Object> additionalMetadata();

  /** Run priority, 1 to 3. */
  int priority();

  /** The parent task's output, bound to its declared type. */
  <O> O parentOutput(TaskRef<O> parent);

  /** True when the parent task was skipped by a skip condition. */
  boolean wasSkipped(TaskRef<?> parent);

  /** For on-failure tasks: failed task name to its error text. Empty otherwise. */
  Map<String, String> taskRunErrors();

  /** Data of satisfied task conditions, keyed by condition key. */
  JsonNode triggers();

  /** The payload of the event filter that let the triggering event through, if any. */
  Optional<JsonNode> filterPayload();

  /** The key of the event that triggered the run, if an event did. */
  Optional<String> triggeringEventKey();

  /** For child runs: the index of this run among its parent's children. */
  Optional<Integer> childIndex();

  /** For child runs: the parent's task run id. */
  Optional<String> parentTaskRunId();

  /** The id of the worker running this task. */
  String workerId();

  /** The worker's current labels. */
  Map<String, String> workerLabels();

  /** Changes the worker's labels on the engine (affects which tasks it is given next). */
  void upsertWorkerLabels(Map<String, String> labels);

  /** Sends a log line (INFO) to the engine, shown with this task run. */
  void log(String message);

  /** Sends a log line with a level: INFO, WARN, ERROR or DEBUG. */
  void log(String level, String message);

  /** Streams a chunk to subscribers of this run's stream. */
  void putStream(String chunk);

  /** Extends this attempt's execution timeout by {@code increment} (added to the current deadline). */
  void refreshTimeout(Duration increment);

  /** Frees this task's worker slot while it keeps running (for tasks that mostly wait). */
  void releaseSlot();

  /** Asks the engine to cancel this task's run (every task of it). */
  void cancelRun();

  /** Asks the engine to cancel this task only; the run's other tasks carry on. */
  void cancelTask();

  /** True once the engine cancelled this attempt (or the worker is stopping it). */
  boolean isCancelled();

  /** Throws {@link TaskCancelledException} if the attempt was cancelled; call it between steps of long work. */
  void throwIfCancelled();

  /** Registers a callback run once when the attempt is cancelled (at once if it already is). */
  void onCancel(Runnable callback);

  /**
   * The task's own thread knows which attempt it runs, so runs triggered and events pushed from it are
   * linked to the attempt (children, source metadata). Other threads do not: wrap work handed to them.
   * The returned runnable runs {@code work} with this attempt as the thread's current task, then restores
   * what the thread had before.
   *
   * <pre>{@code
   * new Thread(ctx.wrap(() -> child.run(input))).start();
   * }</pre>
   */
  Runnable wrap(Runnable work);

  /**
   * An executor that runs each command through {@code executor} with this attempt as the current task (see
   * {@link #wrap(Runnable)}); for work with a result:
   * {@code CompletableFuture.supplyAsync(() -> child.run(in), ctx.wrap(pool))}.
   */
  Executor wrap(Executor executor);
}
