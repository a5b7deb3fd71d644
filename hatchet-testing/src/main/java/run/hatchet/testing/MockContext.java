package run.hatchet.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import run.hatchet.HatchetException;
import run.hatchet.definition.TaskRef;
import run.hatchet.serde.Serializer;
import run.hatchet.worker.Context;
import run.hatchet.worker.TaskCancelledException;

/**
 * A {@link Context} that talks to no engine: run facts come from a {@link MockRun}, and what the task
 * sends (log lines, stream chunks, cancellation requests, label changes) is recorded for assertions.
 * Thread-safe, like the real context.
 */
public final class MockContext implements Context {
  private static final List<String> LEVELS = List.of("INFO", "WARN", "ERROR", "DEBUG");

  /** A log line written with {@link #log(String, String)}. */
  public record LogLine(String level, String message) {}

  /** What the task asked the engine to cancel. */
  public enum CancelRequest {
    /** {@link #cancelRun()}: the whole run. */
    RUN,
    /** {@link #cancelTask()}: this task only. */
    TASK
  }

  private final Serializer serializer;
  private final String workflowRunId;
  private final String taskRunId;
  private final String taskName;
  private final int retryCount;
  private final int priority;
  private final Map<String, Object> metadata;
  private final Map<String, String> parentOutputs;
  private final Set<String> skippedParents;
  private final Map<String, String> taskRunErrors;
  private final JsonNode triggers;
  private final String triggeringEventKey;
  private final Map<String, String> labels = new ConcurrentHashMap<>();
  private final List<LogLine> logs = new CopyOnWriteArrayList<>();
  private final List<String> chunks = new CopyOnWriteArrayList<>();
  private final List<Duration> timeoutRefreshes = new CopyOnWriteArrayList<>();
  private final List<CancelRequest> cancelRequests = new CopyOnWriteArrayList<>();
  private final List<Runnable> cancelCallbacks = new CopyOnWriteArrayList<>();
  private volatile boolean slotReleased;
  private volatile boolean cancelled;
  private volatile Thread thread;

  MockContext(MockRun<?, ?> run, String taskName) {
    this.serializer = run.serializer;
    this.workflowRunId = run.workflowRunId;
    this.taskRunId = run.taskRunId;
    this.taskName = taskName;
    this.retryCount = run.retryCount;
    this.priority = run.priority;
    this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(run.metadata));
    this.parentOutputs = Map.copyOf(run.parentOutputs);
    this.skippedParents = Set.copyOf(run.skippedParents);
    this.taskRunErrors = Collections.unmodifiableMap(new LinkedHashMap<>(run.taskRunErrors));
    this.triggers = run.triggers == null ? NullNode.getInstance() : run.triggers;
    this.triggeringEventKey = run.triggeringEventKey;
    this.labels.putAll(run.workerLabels);
  }

  void bind(Thread t) {
    thread = t;
  }

  /**
   * Cancels the attempt as the engine would: marks it cancelled, runs the {@link #onCancel} callbacks
   * and interrupts the task's thread. Returns false if it already was cancelled.
   */
  public boolean cancel() {
    synchronized (this) {
      if (cancelled) {
        return false;
      }
      cancelled = true;
    }
    for (Runnable r : cancelCallbacks) {
      if (cancelCallbacks.remove(r)) {
        r.run();
      }
    }
    Thread t = thread;
    if (t != null && t != Thread.currentThread()) {
      t.interrupt();
    }
    return true;
  }

  // ---------------------------------------------------------------------------------------------
  // recorded by the mock

  /** Log lines in the order they were written. */
  public List<LogLine> logs() {
    return List.copyOf(logs);
  }

  /** The messages of the log lines, in order. */
  public List<String> logMessages() {
    List<String> out = new ArrayList<>();
    for (LogLine l : logs) {
      out.add(l.message());
    }
    return out;
  }

  /** Stream chunks in the order they were put. */
  public List<String> streamChunks() {
    return List.copyOf(chunks);
  }

  /** The increments passed to {@link #refreshTimeout(Duration)}, in order. */
  public List<Duration> timeoutRefreshes() {
    return List.copyOf(timeoutRefreshes);
  }

  /** The cancellations the task asked for, in order. */
  public List<CancelRequest> cancelRequests() {
    return List.copyOf(cancelRequests);
  }

  /** True once the task called {@link #releaseSlot()}. */
  public boolean slotReleased() {
    return slotReleased;
  }

  // ---------------------------------------------------------------------------------------------
  // Context

  @Override
  public String workflowRunId() {
    return workflowRunId;
  }

  @Override
  public String taskRunId() {
    return taskRunId;
  }

  @Override
  public String taskName() {
    return taskName;
  }

  @Override
  public int retryCount() {
    return retryCount;
  }

  @Override
  public Map<String, Object> additionalMetadata() {
    return metadata;
  }

  @Override
  public int priority() {
    return priority;
  }

  @Override
  public <O> O parentOutput(TaskRef<O> parent) {
    String json = parentOutputs.get(parent.name());
    if (json == null) {
      throw new HatchetException("task '" + taskName + "' has no output of parent '" + parent.name()
          + "' (give the mock run one with parentOutput(...))");
    }
    return serializer.fromJson(json, parent.outputType());
  }

  @Override
  public boolean wasSkipped(TaskRef<?> parent) {
    return skippedParents.contains(parent.name());
  }

  @Override
  public Map<String, String> taskRunErrors() {
    return taskRunErrors;
  }

  @Override
  public JsonNode triggers() {
    return triggers;
  }

  @Override
  public Optional<JsonNode> filterPayload() {
    JsonNode f = triggers.get("filter_payload");
    return f == null || f.isNull() ? Optional.empty() : Optional.of(f);
  }

  @Override
  public Optional<String> triggeringEventKey() {
    return Optional.ofNullable(triggeringEventKey);
  }

  @Override
  public Optional<Integer> childIndex() {
    return Optional.empty();
  }

  @Override
  public Optional<String> parentTaskRunId() {
    return Optional.empty();
  }

  @Override
  public String workerId() {
    return "mock-worker";
  }

  @Override
  public Map<String, String> workerLabels() {
    return Map.copyOf(labels);
  }

  @Override
  public void upsertWorkerLabels(Map<String, String> labels) {
    this.labels.putAll(labels);
  }

  @Override
  public void log(String message) {
    log("INFO", message);
  }

  @Override
  public void log(String level, String message) {
    String lvl = level == null ? "INFO" : level.toUpperCase(Locale.ROOT);
    if (!LEVELS.contains(lvl)) {
      throw new IllegalArgumentException("log level must be INFO, WARN, ERROR or DEBUG (was " + level + ")");
    }
    logs.add(new LogLine(lvl, message == null ? "" : message));
  }

  @Override
  public void putStream(String chunk) {
    chunks.add(chunk);
  }

  @Override
  public void refreshTimeout(Duration increment) {
    timeoutRefreshes.add(increment);
  }

  @Override
  public void releaseSlot() {
    slotReleased = true;
  }

  /** Recorded; the attempt is then cancelled, as the engine would do a moment later. */
  @Override
  public void cancelRun() {
    cancelRequests.add(CancelRequest.RUN);
    cancel();
  }

  /** Recorded; the attempt is then cancelled, as the engine would do a moment later. */
  @Override
  public void cancelTask() {
    cancelRequests.add(CancelRequest.TASK);
    cancel();
  }

  @Override
  public boolean isCancelled() {
    return cancelled;
  }

  @Override
  public void throwIfCancelled() {
    if (cancelled) {
      throw new TaskCancelledException("task run " + taskRunId + " was cancelled");
    }
  }

  @Override
  public void onCancel(Runnable callback) {
    cancelCallbacks.add(callback);
    if (cancelled && cancelCallbacks.remove(callback)) {
      callback.run();
    }
  }

  /** Without an engine there is no current task to carry over: the work runs as given. */
  @Override
  public Runnable wrap(Runnable work) {
    return Objects.requireNonNull(work, "work");
  }

  @Override
  public Executor wrap(Executor executor) {
    return Objects.requireNonNull(executor, "executor");
  }
}
