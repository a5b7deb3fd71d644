package run.hatchet.internal.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import run.hatchet.HatchetException;
import run.hatchet.client.RunFailedException;
import run.hatchet.client.RunOptions;
import run.hatchet.definition.Condition;
import run.hatchet.definition.Definition;
import run.hatchet.internal.proto.AssignedAction;
import run.hatchet.internal.proto.v1.BaseMatchCondition;
import run.hatchet.internal.proto.v1.DurableEventListenerConditions;
import run.hatchet.internal.proto.v1.DurableEventLogEntryRef;
import run.hatchet.internal.proto.v1.DurableTaskCompleteMemoRequest;
import run.hatchet.internal.proto.v1.DurableTaskEvictInvocationRequest;
import run.hatchet.internal.proto.v1.DurableTaskEventLogEntryCompletedResponse;
import run.hatchet.internal.proto.v1.DurableTaskEventMemoAckResponse;
import run.hatchet.internal.proto.v1.DurableTaskMemoRequest;
import run.hatchet.internal.proto.v1.DurableTaskRequest;
import run.hatchet.internal.proto.v1.DurableTaskResponse;
import run.hatchet.internal.proto.v1.DurableTaskRunAckEntry;
import run.hatchet.internal.proto.v1.DurableTaskTriggerRunsRequest;
import run.hatchet.internal.proto.v1.DurableTaskWaitForRequest;
import run.hatchet.internal.proto.v1.SleepMatchCondition;
import run.hatchet.internal.proto.v1.TriggerWorkflowRequest;
import run.hatchet.internal.proto.v1.UserEventMatchCondition;
import run.hatchet.internal.registration.Durations;
import run.hatchet.internal.registration.TaskSpec;
import run.hatchet.worker.DurableChild;
import run.hatchet.worker.DurableContext;
import run.hatchet.worker.TaskCancelledException;

/** The context of a durable task attempt: durable operations over the worker's durable stream. */
final class DurableTaskContext extends TaskContext implements DurableContext {
  private final ReentrantLock oneRequestAtATime = new ReentrantLock();

  DurableTaskContext(WorkerRuntime runtime, AssignedAction action, TaskSpec spec, JsonNode payload) {
    super(runtime, action, spec, payload);
  }

  @Override
  public int invocationCount() {
    return invocation();
  }

  @Override
  void finished() {
    DurableStream s = runtime.durableStreamIfOpen();
    if (s != null) {
      s.forget(taskRunId(), invocation());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // plumbing

  private DurableTaskResponse request(DurableTaskRequest req) {
    throwIfCancelled();
    oneRequestAtATime.lock();
    try {
      return await(runtime.durableStream().request(taskRunId(), invocation(), req));
    } finally {
      oneRequestAtATime.unlock();
    }
  }

  private <T> T await(CompletableFuture<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      f.cancel(false);
      Thread.currentThread().interrupt();
      throw new TaskCancelledException("durable wait of task run " + taskRunId() + " was interrupted");
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof java.util.concurrent.TimeoutException) {
        throw new HatchetException("no answer from the engine within " + DurableStream.ACK_TIMEOUT_SECONDS
            + " s for a durable request of task run " + taskRunId() + "; failing the attempt so it is retried", c);
      }
      throw c instanceof RuntimeException ? (RuntimeException) c : new HatchetException(c.getMessage(), c);
    }
  }

  private DurableTaskEventLogEntryCompletedResponse awaitEntry(DurableEventLogEntryRef ref) {
    return awaitWaiting(runtime.durableStream().awaitEntry(DurableStream.EntryKey.of(ref)));
  }

  private final CompletableFuture<Void> evictNow = new CompletableFuture<>();

  private volatile String evictReason = "worker shutting down";

  /** Asks the task to give its slot back if it is waiting now, or as soon as it starts waiting. */
  void requestEviction() {
    evictNow.complete(null);
  }

  /** Asks a waiting task to give its slot back because the worker's durable slots are all taken. */
  void requestCapacityEviction() {
    evictReason = "durable slots exhausted";
    evictNow.complete(null);
  }

  /** Since when the task has been waiting, or 0 when it is not waiting. */
  volatile long waitingSince;

  /**
   * Waits for a durable result; if the wait outlasts the eviction TTL (or the worker is shutting down),
   * asks the engine to evict this invocation and stops it here without reporting.
   */
  private <T> T awaitWaiting(CompletableFuture<T> f) {
    waitingSince = System.currentTimeMillis();
    try {
      return awaitWaitingInner(f);
    } finally {
      waitingSince = 0;
    }
  }

  private <T> T awaitWaitingInner(CompletableFuture<T> f) {
    Duration ttl = spec.evictAfter;
    CompletableFuture<Object> either = CompletableFuture.anyOf(f, evictNow);
    try {
      if (ttl == null) {
        either.get();
      } else {
        either.get(ttl.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (TimeoutException e) {
      // waited longer than the TTL
    } catch (ExecutionException e) {
      // f failed: await(f) below rethrows it
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TaskCancelledException("durable wait of task run " + taskRunId() + " was interrupted");
    }
    if (f.isDone()) {
      return await(f);
    }
    try {
      evict(evictNow.isDone() ? evictReason : "waited longer than " + ttl);
    } catch (RuntimeException e) {
      // the engine would not evict (e.g. the attempt already ended): keep waiting here instead
      return await(f);
    }
    throw new TaskCancelledException("durable task run " + taskRunId() + " was evicted while waiting");
  }

  private void evict(String reason) {
    DurableTaskResponse ack = request(DurableTaskRequest.newBuilder().setEvictInvocation(
        DurableTaskEvictInvocationRequest.newBuilder()
            .setInvocationCount(invocation())
            .setDurableTaskExternalId(taskRunId())
            .setReason(reason)).build());
    if (ack.hasEvictionAck()) {
      cancel(CancelReason.EVICTED);
    }
  }

  private JsonNode json(ByteString bytes) {
    if (bytes.isEmpty()) {
      return JsonNodeFactory.instance.objectNode();
    }
    try {
      return runtime.mapper().readTree(bytes.toStringUtf8());
    } catch (java.io.IOException e) {
      throw new HatchetException("the engine returned unreadable durable data for task run " + taskRunId(), e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // waits

  @Override
  public JsonNode waitFor(Condition... conditions) {
    DurableEventListenerConditions.Builder cb = DurableEventListenerConditions.newBuilder();
    for (Condition c : conditions) {
      if (c instanceof Condition.Or) {
        String group = UUID.randomUUID().toString();
        for (Condition m : ((Condition.Or) c).conditions()) {
          add(cb, m, group);
        }
      } else {
        add(cb, c, UUID.randomUUID().toString());
      }
    }
    return waitFor(cb.build(), null).path("CREATE");
  }

  private void add(DurableEventListenerConditions.Builder cb, Condition c, String group) {
    if (c instanceof Condition.Sleep) {
      String d = Durations.format(((Condition.Sleep) c).duration());
      cb.addSleepConditions(SleepMatchCondition.newBuilder().setBase(base("sleep:" + d, group, "")).setSleepFor(d));
    } else if (c instanceof Condition.UserEvent) {
      Condition.UserEvent e = (Condition.UserEvent) c;
      UserEventMatchCondition.Builder ub = UserEventMatchCondition.newBuilder()
          .setBase(base(e.eventKey(), group, e.expression() == null ? "" : e.expression()))
          .setUserEventKey(runtime.namespaced(e.eventKey()));
      if (e.scope() != null) {
        ub.setEventScope(e.scope());
      }
      if (e.considerEventsSince() != null) {
        ub.setConsiderEventsSince(timestamp(e.considerEventsSince()));
      }
      cb.addUserEventConditions(ub);
    } else {
      throw new IllegalArgumentException("durable waits take sleep and user-event conditions, not " + c.getClass().getSimpleName());
    }
  }

  private static Timestamp timestamp(Instant t) {
    return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
  }

  private static BaseMatchCondition base(String key, String group, String expression) {
    return BaseMatchCondition.newBuilder()
        .setReadableDataKey(key)
        .setAction(run.hatchet.internal.proto.v1.Action.CREATE)
        .setOrGroupId(group)
        .setExpression(expression)
        .build();
  }

  private JsonNode waitFor(DurableEventListenerConditions conditions, String label) {
    DurableTaskWaitForRequest.Builder w = DurableTaskWaitForRequest.newBuilder()
        .setInvocationCount(invocation())
        .setDurableTaskExternalId(taskRunId())
        .setWaitForConditions(conditions);
    if (label != null) {
      w.setLabel(label);
    }
    DurableTaskResponse ack = request(DurableTaskRequest.newBuilder().setWaitFor(w).build());
    return json(awaitEntry(ack.getWaitForAck().getRef()).getPayload());
  }

  private static JsonNode firstMatch(JsonNode create) {
    java.util.Iterator<JsonNode> it = create.elements();
    if (!it.hasNext()) {
      return JsonNodeFactory.instance.nullNode();
    }
    JsonNode matches = it.next();
    return matches.isArray() && matches.size() > 0 ? matches.get(0) : matches;
  }

  @Override
  public Duration sleepFor(Duration duration) {
    String d = Durations.format(duration);
    DurableEventListenerConditions c = DurableEventListenerConditions.newBuilder()
        .addSleepConditions(SleepMatchCondition.newBuilder()
            .setBase(base("sleep:" + d, UUID.randomUUID().toString(), ""))
            .setSleepFor(d))
        .build();
    waitFor(c, "sleep " + d);
    return duration;
  }

  @Override
  public Duration sleepUntil(Instant wakeAt) {
    Duration d = Duration.between(now(), wakeAt);
    return sleepFor(d.isNegative() || d.isZero() ? Duration.ofMillis(1) : d);
  }

  @Override
  public <T> T waitForEvent(String key, Class<T> payloadType) {
    return waitForEvent(key, null, null, null, payloadType);
  }

  @Override
  public <T> T waitForEvent(String key, String celExpression, Class<T> payloadType) {
    return waitForEvent(key, celExpression, null, null, payloadType);
  }

  @Override
  public <T> T waitForEvent(String key, String celExpression, String scope, Duration lookback, Class<T> payloadType) {
    if ((scope == null) != (lookback == null)) {
      throw new IllegalArgumentException("scope and lookback go together: give both or neither");
    }
    UserEventMatchCondition.Builder ub = UserEventMatchCondition.newBuilder()
        .setBase(base(key, UUID.randomUUID().toString(), celExpression == null ? "" : celExpression))
        .setUserEventKey(runtime.namespaced(key));
    if (scope != null) {
      Instant since = now().minus(lookback);
      ub.setEventScope(scope)
          .setConsiderEventsSince(timestamp(since));
    }
    JsonNode result = waitFor(DurableEventListenerConditions.newBuilder().addUserEventConditions(ub).build(), "event " + key);
    return runtime.serializer().fromJson(firstMatch(result.path("CREATE")).toString(), payloadType);
  }

  // ---------------------------------------------------------------------------------------------
  // memo

  @Override
  public <T> T memo(String key, Class<T> type, Supplier<T> compute) {
    byte[] memoKey = memoKey(key);
    DurableTaskResponse ack = request(DurableTaskRequest.newBuilder().setMemo(DurableTaskMemoRequest.newBuilder()
        .setInvocationCount(invocation())
        .setDurableTaskExternalId(taskRunId())
        .setKey(ByteString.copyFrom(memoKey))).build());
    DurableTaskEventMemoAckResponse m = ack.getMemoAck();
    if (m.getMemoAlreadyExisted() && m.hasMemoResultPayload() && !m.getMemoResultPayload().isEmpty()) {
      return runtime.serializer().fromJson(m.getMemoResultPayload().toStringUtf8(), type);
    }
    T value = compute.get();
    String json = runtime.serializer().toJson(value);
    runtime.durableStream().fireAndForget(DurableTaskRequest.newBuilder().setCompleteMemo(
        DurableTaskCompleteMemoRequest.newBuilder()
            .setRef(m.getRef())
            .setMemoKey(ByteString.copyFrom(memoKey))
            .setPayload(ByteString.copyFrom(json, StandardCharsets.UTF_8))).build());
    return value;
  }

  private byte[] memoKey(String key) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(taskRunId().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(key.getBytes(StandardCharsets.UTF_8));
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }

  @Override
  public Instant now() {
    return Instant.parse(memo("hatchet:now", String.class, () -> Instant.now().toString()));
  }

  // ---------------------------------------------------------------------------------------------
  // children

  @Override
  public <I, R> R runChild(Definition<I, R> child, I input) {
    return runChild(child, input, RunOptions.create());
  }

  @Override
  public <I, R> R runChild(Definition<I, R> child, I input, RunOptions options) {
    return spawnChild(child, input, options).result();
  }

  @Override
  public <I, R> List<R> runChildren(Definition<I, R> child, List<I> inputs) {
    List<R> results = new ArrayList<>();
    for (DurableChild<R> c : spawnChildren(child, inputs)) {
      results.add(c.result());
    }
    return results;
  }

  @Override
  public <I, R> DurableChild<R> spawnChild(Definition<I, R> child, I input, RunOptions options) {
    return spawn(child, List.of(input), List.of(options)).get(0);
  }

  @Override
  public <I, R> List<DurableChild<R>> spawnChildren(Definition<I, R> child, List<I> inputs) {
    List<RunOptions> opts = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      opts.add(RunOptions.create());
    }
    return spawn(child, inputs, opts);
  }

  private <I, R> List<DurableChild<R>> spawn(Definition<I, R> child, List<I> inputs, List<RunOptions> options) {
    if (inputs.isEmpty()) {
      return List.of();
    }
    DurableTaskTriggerRunsRequest.Builder t = DurableTaskTriggerRunsRequest.newBuilder()
        .setInvocationCount(invocation())
        .setDurableTaskExternalId(taskRunId());
    for (int i = 0; i < inputs.size(); i++) {
      // this attempt is the parent whichever thread spawns: the context, not the thread, names it
      TriggerWorkflowRequest r = runtime.core().request(child.name(), runtime.serializer().toJson(inputs.get(i)), options.get(i), this);
      t.addTriggerOpts(r);
    }
    DurableTaskResponse ack = request(DurableTaskRequest.newBuilder().setTriggerRuns(t).build());
    List<DurableChild<R>> handles = new ArrayList<>();
    for (DurableTaskRunAckEntry e : ack.getTriggerRunsAck().getRunEntriesList()) {
      CompletableFuture<DurableTaskEventLogEntryCompletedResponse> done =
          runtime.durableStream().awaitEntry(new DurableStream.EntryKey(taskRunId(), invocation(), e.getBranchId(), e.getNodeId()));
      handles.add(new Child<>(child, e.getWorkflowRunExternalId(), done));
    }
    return handles;
  }

  /** A durably spawned child and the completion of its log entry. */
  private final class Child<R> implements DurableChild<R> {
    private final Definition<?, R> definition;
    private final String runId;
    private final CompletableFuture<DurableTaskEventLogEntryCompletedResponse> done;

    Child(Definition<?, R> definition, String runId, CompletableFuture<DurableTaskEventLogEntryCompletedResponse> done) {
      this.definition = definition;
      this.runId = runId;
      this.done = done;
    }

    @Override
    public String runId() {
      return runId;
    }

    @Override
    public R result() {
      DurableTaskEventLogEntryCompletedResponse c = awaitWaiting(done);
      if (c.getIsFailure()) {
        throw new RunFailedException(runId,
            java.util.Map.of(definition.name(), c.hasErrorMessage() ? c.getErrorMessage() : "child run failed"), false);
      }
      return definition.resultFromPayload(runId, c.getPayload().isEmpty() ? "{}" : c.getPayload().toStringUtf8());
    }
  }
}
