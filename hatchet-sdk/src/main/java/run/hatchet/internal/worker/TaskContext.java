package run.hatchet.internal.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import run.hatchet.HatchetException;
import run.hatchet.definition.TaskRef;
import run.hatchet.internal.client.CurrentTask;
import run.hatchet.internal.proto.AssignedAction;
import run.hatchet.internal.proto.PutLogRequest;
import run.hatchet.internal.proto.PutStreamEventRequest;
import run.hatchet.internal.proto.RefreshTimeoutRequest;
import run.hatchet.internal.proto.ReleaseSlotRequest;
import run.hatchet.internal.registration.Durations;
import run.hatchet.internal.registration.TaskSpec;
import run.hatchet.worker.Context;
import run.hatchet.worker.TaskCancelledException;

/** The context of one task attempt. */
class TaskContext implements Context, CurrentTask.Parent {
  private static final Logger log = LoggerFactory.getLogger(TaskContext.class);
  private static final int MAX_LOG_LENGTH = 10_000;

  enum CancelReason {
    /** The engine cancelled the attempt (or superseded the invocation): report nothing. */
    ENGINE,
    /** The worker stopped before the task finished: report a failure so the engine retries. */
    SHUTDOWN,
    /** A waiting durable task gave its slot back; the engine re-delivers it later: report nothing. */
    EVICTED
  }

  final AssignedAction action;
  final TaskSpec spec;
  final WorkerRuntime runtime;
  private final JsonNode payload;
  /** Parsed on first use: most tasks never read their metadata. */
  private volatile Map<String, Object> metadata;
  private final AtomicInteger childIndex = new AtomicInteger();
  private final AtomicLong streamIndex = new AtomicLong();
  private final List<Runnable> cancelCallbacks = new CopyOnWriteArrayList<>();
  private final AtomicBoolean slotReleased = new AtomicBoolean();
  private volatile CancelReason cancelled;
  volatile Thread thread;

  TaskContext(WorkerRuntime runtime, AssignedAction action, TaskSpec spec, JsonNode payload) {
    this.runtime = runtime;
    this.action = action;
    this.spec = spec;
    this.payload = payload;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parseMetadata(WorkerRuntime runtime, AssignedAction a) {
    if (!a.hasAdditionalMetadata() || a.getAdditionalMetadata().isBlank()) {
      return Collections.emptyMap();
    }
    try {
      Map<String, Object> m = runtime.mapper().readValue(a.getAdditionalMetadata(), LinkedHashMap.class);
      return m == null ? Collections.emptyMap() : Collections.unmodifiableMap(m);
    } catch (java.io.IOException e) {
      return Collections.emptyMap();
    }
  }

  String key() {
    return WorkerRuntime.attemptKey(action.getTaskRunExternalId(), action.getRetryCount())
        + (spec.durable ? "/" + invocation() : "");
  }

  /** The durable invocation (1 when the engine leaves it unset). */
  int invocation() {
    return action.hasDurableTaskInvocationCount() && action.getDurableTaskInvocationCount() > 0
        ? action.getDurableTaskInvocationCount() : 1;
  }

  /** Called once the attempt has finished, whatever the outcome. */
  void finished() {}

  JsonNode inputNode() {
    JsonNode in = payload.get("input");
    return in == null ? NullNode.getInstance() : in;
  }

  // ---------------------------------------------------------------------------------------------
  // cancellation

  /** Marks the attempt cancelled, runs callbacks, interrupts the task thread. Returns false if already. */
  boolean cancel(CancelReason reason) {
    synchronized (this) {
      if (cancelled != null) {
        return false;
      }
      cancelled = reason;
    }
    for (Runnable r : cancelCallbacks) {
      try {
        r.run();
      } catch (RuntimeException e) {
        log.warn("cancellation callback of task {} failed", action.getTaskRunExternalId(), e);
      }
    }
    Thread t = thread;
    if (t != null) {
      t.interrupt();
    }
    return true;
  }

  CancelReason cancelReason() {
    return cancelled;
  }

  boolean markSlotReleased() {
    return slotReleased.compareAndSet(false, true);
  }

  @Override
  public boolean isCancelled() {
    return cancelled != null;
  }

  @Override
  public void throwIfCancelled() {
    if (cancelled != null) {
      throw new TaskCancelledException("task run " + action.getTaskRunExternalId() + " was cancelled");
    }
  }

  @Override
  public void onCancel(Runnable callback) {
    cancelCallbacks.add(callback);
    if (cancelled != null && cancelCallbacks.remove(callback)) {
      callback.run();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // run facts

  @Override
  public String workflowRunId() {
    return action.getWorkflowRunId();
  }

  @Override
  public String taskRunId() {
    return action.getTaskRunExternalId();
  }

  @Override
  public String taskName() {
    return spec.name;
  }

  @Override
  public int retryCount() {
    return action.getRetryCount();
  }

  @Override
  public Map<String, Object> additionalMetadata() {
    Map<String, Object> m = metadata;
    if (m == null) {
      m = parseMetadata(runtime, action); // racing threads parse the same text: either result is right
      metadata = m;
    }
    return m;
  }

  @Override
  public int priority() {
    return action.getPriority() == 0 ? 1 : action.getPriority();
  }

  private JsonNode parents() {
    JsonNode p = payload.get("parents");
    return p == null || p.isNull() ? NullNode.getInstance() : p;
  }

  @Override
  public <O> O parentOutput(TaskRef<O> parent) {
    JsonNode out = parents().get(parent.name());
    if (out == null) {
      throw new HatchetException("task '" + spec.name + "' has no output of parent '" + parent.name()
          + "' (is it declared with parents(...)?)");
    }
    return runtime.serializer().fromJson(out.toString(), parent.outputType());
  }

  @Override
  public boolean wasSkipped(TaskRef<?> parent) {
    JsonNode out = parents().get(parent.name());
    return out != null && out.path("skipped").asBoolean(false);
  }

  @Override
  public Map<String, String> taskRunErrors() {
    JsonNode errors = payload.get("step_run_errors");
    if (errors == null || !errors.isObject()) {
      return Collections.emptyMap();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : errors.properties()) {
      out.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString());
    }
    return Collections.unmodifiableMap(out);
  }

  @Override
  public JsonNode triggers() {
    JsonNode t = payload.get("triggers");
    return t == null ? NullNode.getInstance() : t;
  }

  @Override
  public Optional<JsonNode> filterPayload() {
    JsonNode f = triggers().get("filter_payload");
    return f == null || f.isNull() ? Optional.empty() : Optional.of(f);
  }

  @Override
  public Optional<String> triggeringEventKey() {
    return action.hasTriggeringEventKey() ? Optional.of(action.getTriggeringEventKey()) : Optional.empty();
  }

  @Override
  public Optional<Integer> childIndex() {
    return action.hasChildWorkflowIndex() ? Optional.of(action.getChildWorkflowIndex()) : Optional.empty();
  }

  @Override
  public Optional<String> parentTaskRunId() {
    return action.hasParentWorkflowRunId() ? Optional.of(action.getParentWorkflowRunId()) : Optional.empty();
  }

  @Override
  public String workerId() {
    return runtime.workerId();
  }

  @Override
  public Map<String, String> workerLabels() {
    return runtime.labels();
  }

  @Override
  public void upsertWorkerLabels(Map<String, String> labels) {
    runtime.upsertLabels(labels);
  }

  // ---------------------------------------------------------------------------------------------
  // engine calls

  @Override
  public void log(String message) {
    log("INFO", message);
  }

  @Override
  public void log(String level, String message) {
    String lvl = level == null ? "INFO" : level.toUpperCase(java.util.Locale.ROOT);
    if (!List.of("INFO", "WARN", "ERROR", "DEBUG").contains(lvl)) {
      throw new IllegalArgumentException("log level must be INFO, WARN, ERROR or DEBUG (was " + level + ")");
    }
    String text = message == null || message.isEmpty() ? " " : message;
    if (text.length() > MAX_LOG_LENGTH) {
      text = text.substring(0, MAX_LOG_LENGTH);
    }
    PutLogRequest req = PutLogRequest.newBuilder()
        .setTaskRunExternalId(taskRunId())
        .setCreatedAt(WorkerRuntime.now())
        .setMessage(text)
        .setLevel(lvl)
        .setTaskRetryCount(retryCount())
        .build();
    runtime.transport().unary("EventsService.PutLog", runtime.transport().events(), s -> s.putLog(req));
  }

  @Override
  public void putStream(String chunk) {
    PutStreamEventRequest req = PutStreamEventRequest.newBuilder()
        .setTaskRunExternalId(taskRunId())
        .setCreatedAt(WorkerRuntime.now())
        .setMessage(ByteString.copyFrom(chunk, StandardCharsets.UTF_8))
        .setEventIndex(streamIndex.getAndIncrement())
        .build();
    runtime.transport().unary("EventsService.PutStreamEvent", runtime.transport().events(), s -> s.putStreamEvent(req));
  }

  @Override
  public void refreshTimeout(Duration increment) {
    RefreshTimeoutRequest req = RefreshTimeoutRequest.newBuilder()
        .setTaskRunExternalId(taskRunId())
        .setIncrementTimeoutBy(Durations.format(increment))
        .build();
    runtime.transport().unary("Dispatcher.RefreshTimeout", runtime.transport().dispatcher(), s -> s.refreshTimeout(req));
  }

  @Override
  public void releaseSlot() {
    if (!markSlotReleased()) {
      return;
    }
    ReleaseSlotRequest req = ReleaseSlotRequest.newBuilder().setTaskRunExternalId(taskRunId()).build();
    runtime.transport().unary("Dispatcher.ReleaseSlot", runtime.transport().dispatcher(), s -> s.releaseSlot(req));
    runtime.slots().release(spec);
  }

  @Override
  public void cancelRun() {
    runtime.cancelRunViaRest(workflowRunId());
  }

  @Override
  public void cancelTask() {
    runtime.cancelRunViaRest(taskRunId());
  }

  // the attempt on other threads

  @Override
  public Runnable wrap(Runnable work) {
    Objects.requireNonNull(work, "work");
    return () -> {
      CurrentTask.Parent before = CurrentTask.get();
      CurrentTask.set(this);
      try {
        work.run();
      } finally {
        CurrentTask.set(before);
      }
    };
  }

  @Override
  public Executor wrap(Executor executor) {
    Objects.requireNonNull(executor, "executor");
    return command -> executor.execute(wrap(command));
  }

  // CurrentTask.Parent

  @Override
  public int nextChildIndex() {
    return childIndex.getAndIncrement();
  }
}
