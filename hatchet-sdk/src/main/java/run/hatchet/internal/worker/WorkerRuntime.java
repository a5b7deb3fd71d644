package run.hatchet.internal.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Timestamp;
import io.grpc.Context.CancellableContext;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import run.hatchet.HatchetException;
import run.hatchet.NonRetryableException;
import run.hatchet.internal.client.ClientCore;
import run.hatchet.internal.client.CurrentTask;
import run.hatchet.internal.client.Threads;
import run.hatchet.internal.proto.ActionType;
import run.hatchet.internal.proto.AssignedAction;
import run.hatchet.internal.proto.GetVersionRequest;
import run.hatchet.internal.proto.HeartbeatRequest;
import run.hatchet.internal.proto.RuntimeInfo;
import run.hatchet.internal.proto.StepActionEvent;
import run.hatchet.internal.proto.StepActionEventType;
import run.hatchet.internal.proto.UpsertWorkerLabelsRequest;
import run.hatchet.internal.proto.WorkerListenRequest;
import run.hatchet.internal.proto.WorkerRegisterRequest;
import run.hatchet.internal.proto.WorkerUnsubscribeRequest;
import run.hatchet.internal.registration.ProtoMapping;
import run.hatchet.internal.registration.TaskSpec;
import run.hatchet.internal.registration.WorkflowSpec;
import run.hatchet.internal.transport.GrpcTransport;
import run.hatchet.internal.transport.SdkInfo;
import run.hatchet.serde.SerializationException;
import run.hatchet.serde.Serializer;

/**
 * The worker: registers its workflows and itself, listens for assigned tasks, runs them within its
 * slots, reports outcomes, heartbeats, reconnects after outages and drains on shutdown.
 */
public final class WorkerRuntime {
  private static final Logger log = LoggerFactory.getLogger(WorkerRuntime.class);
  private static final long HEARTBEAT_MILLIS = 4_000;
  private static final int MAX_ERROR_LENGTH = 20_000;

  /** Settings collected by the public builder. */
  public static final class Settings {
    public String name;
    public int slots = 100;
    public int durableSlots = 1000;
    public final Map<String, Integer> customSlots = new LinkedHashMap<>();
    public final Map<String, String> labels = new LinkedHashMap<>();
    public final List<WorkflowSpec> workflows = new ArrayList<>();
    public ExecutorService executor;
    public Duration shutdownHookGrace;
    public Boolean healthcheck;
    public Integer healthcheckPort;
  }

  enum State {
    NEW,
    RUNNING,
    DRAINING,
    TERMINATED
  }

  private final ClientCore core;
  private final Settings settings;
  private final String name;
  private final Map<String, TaskSpec> handlers = new LinkedHashMap<>();
  private final Map<String, WorkflowSpec> workflowOf = new LinkedHashMap<>();
  private final Map<String, TaskContext> running = new ConcurrentHashMap<>();
  private final Map<String, String> labels = new ConcurrentHashMap<>();
  private final WorkerMetrics metrics = new WorkerMetrics();
  private final SlotGate slots;
  private final ExecutorService executor;
  private final boolean ownExecutor;
  private final ScheduledExecutorService heartbeats;
  private final CountDownLatch terminated = new CountDownLatch(1);
  private final AtomicBoolean shutdownStarted = new AtomicBoolean();
  private final AtomicLong lastHeartbeatOk = new AtomicLong();
  private final AtomicLong tasksHandled = new AtomicLong();
  private final ObjectMapper mapper = new ObjectMapper();
  private EventReporter reporter;
  private HealthServer health;
  private Thread listenerThread;
  private Thread hookThread;
  private volatile State state = State.NEW;
  private volatile String workerId;
  private volatile CancellableContext listenContext;
  private volatile boolean streamOpen;
  private volatile boolean outage;
  private volatile boolean reregister;

  public WorkerRuntime(ClientCore core, Settings settings) {
    this.core = core;
    this.settings = settings;
    this.name = core.config().applyNamespace(settings.name);
    boolean anyDurable = false;
    for (WorkflowSpec w : settings.workflows) {
      for (TaskSpec t : w.allTasks()) {
        String action = ProtoMapping.actionId(core.config(), w.name, t.name);
        if (handlers.putIfAbsent(action, t) != null) {
          throw new HatchetException("worker '" + settings.name + "' registers action " + action + " twice");
        }
        workflowOf.put(action, w);
        anyDurable |= t.durable;
      }
    }
    Map<String, Integer> capacity = new LinkedHashMap<>();
    capacity.put("default", settings.slots);
    if (anyDurable) {
      capacity.put("durable", settings.durableSlots);
    }
    capacity.putAll(settings.customSlots);
    this.slots = new SlotGate(capacity);
    labels.putAll(core.config().presetLabels());
    labels.putAll(settings.labels);
    this.ownExecutor = settings.executor == null;
    this.executor = ownExecutor ? defaultExecutor() : settings.executor;
    this.heartbeats = Executors.newSingleThreadScheduledExecutor(Threads.daemon("hatchet-heartbeat"));
  }

  /** Virtual threads on Java 21+, platform threads otherwise. */
  private static ExecutorService defaultExecutor() {
    try {
      return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    } catch (ReflectiveOperationException e) {
      return Executors.newCachedThreadPool(Threads.daemon("hatchet-task"));
    }
  }

  // ------------------------------------------------------------------------------------------------
  // accessors used by TaskContext

  private DurableStream durable;

  ClientCore core() {
    return core;
  }

  String namespaced(String key) {
    return core.config().applyNamespace(key);
  }

  /** The worker's durable task stream, opened on first use. */
  synchronized DurableStream durableStream() {
    if (durable == null) {
      durable = new DurableStream(core.transport(), workerId, this::serverEvicted);
    }
    return durable;
  }

  synchronized DurableStream durableStreamIfOpen() {
    return durable;
  }

  private static final long CAPACITY_EVICTION_MIN_WAIT_MILLIS = 10_000;

  /**
   * When every durable slot is taken, evicts one task that has only been waiting for a while (lowest
   * eviction priority first, then the longest waiting), so the engine can give the slot to other work.
   */
  private void relieveDurableSlots() {
    try {
      if (state != State.RUNNING || slots.used("durable") < slots.capacity().get("durable")) {
        return;
      }
      long now = System.currentTimeMillis();
      DurableTaskContext victim = null;
      for (TaskContext c : running.values()) {
        if (!(c instanceof DurableTaskContext)) {
          continue;
        }
        DurableTaskContext d = (DurableTaskContext) c;
        long since = d.waitingSince;
        if (since == 0 || now - since < CAPACITY_EVICTION_MIN_WAIT_MILLIS || d.spec.eviction == null
            || !d.spec.eviction.capacityEviction()) {
          continue;
        }
        if (victim == null || d.spec.eviction.priority() < victim.spec.eviction.priority()
            || (d.spec.eviction.priority() == victim.spec.eviction.priority() && since < victim.waitingSince)) {
          victim = d;
        }
      }
      if (victim != null) {
        log.info("durable slots of worker {} are all taken; evicting waiting task {} ({})", name, victim.spec.name, victim.taskRunId());
        victim.requestCapacityEviction();
      }
    } catch (RuntimeException e) {
      log.warn("durable slot check failed", e);
    }
  }

  /** The engine says an invocation is stale: stop it without reporting (a newer one owns the task). */
  private void serverEvicted(String taskRunId, int invocation) {
    for (TaskContext c : running.values()) {
      if (c.taskRunId().equals(taskRunId) && c.spec.durable && c.invocation() <= invocation) {
        c.cancel(TaskContext.CancelReason.ENGINE);
      }
    }
  }

  ObjectMapper mapper() {
    return mapper;
  }

  Serializer serializer() {
    return core.serializer();
  }

  GrpcTransport transport() {
    return core.transport();
  }

  SlotGate slots() {
    return slots;
  }

  public String workerId() {
    return workerId;
  }

  public String name() {
    return name;
  }

  Map<String, String> labels() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(labels));
  }

  public boolean isConnected() {
    return state == State.RUNNING || state == State.DRAINING
        ? streamOpen && !outage && System.currentTimeMillis() - lastHeartbeatOk.get() < 3 * HEARTBEAT_MILLIS
        : false;
  }

  public int runningTasks() {
    return running.size();
  }

  public Integer healthPort() {
    return health == null ? null : health.port();
  }

  static String attemptKey(String taskRunId, int retryCount) {
    return taskRunId + "/" + retryCount;
  }

  static Timestamp now() {
    Instant n = Instant.now();
    return Timestamp.newBuilder().setSeconds(n.getEpochSecond()).setNanos(n.getNano()).build();
  }

  // ------------------------------------------------------------------------------------------------
  // start-up

  public synchronized void start() {
    if (state != State.NEW) {
      throw new IllegalStateException("worker '" + settings.name + "' was already started");
    }
    if (handlers.isEmpty()) {
      throw new HatchetException("worker '" + settings.name + "' has no workflows or tasks registered");
    }
    GrpcTransport t = core.transport();
    String version = t.unary("Dispatcher.GetVersion", t.dispatcher(), s -> s.getVersion(GetVersionRequest.getDefaultInstance()))
        .getVersion();
    log.info("engine version {}", version);
    for (WorkflowSpec w : settings.workflows) {
      t.unary("AdminService.PutWorkflow", t.admin(), s -> s.putWorkflow(ProtoMapping.workflow(core.config(), w)));
    }
    register();
    reporter = new EventReporter(t);
    state = State.RUNNING;
    heartbeats.scheduleWithFixedDelay(this::heartbeat, 0, HEARTBEAT_MILLIS, TimeUnit.MILLISECONDS);
    if (slots.capacity().containsKey("durable")) {
      heartbeats.scheduleWithFixedDelay(this::relieveDurableSlots, 1, 1, TimeUnit.SECONDS);
    }
    listenerThread = new Thread(this::listenLoop, "hatchet-listener-" + settings.name);
    listenerThread.setDaemon(true);
    listenerThread.start();
    boolean healthOn = settings.healthcheck != null ? settings.healthcheck : core.config().healthcheckEnabled();
    if (healthOn) {
      int port = settings.healthcheckPort != null ? settings.healthcheckPort : core.config().healthcheckPort();
      health = new HealthServer(core.config().healthcheckBindAddress(), port, this::isConnected,
          () -> metrics.render(slots, isConnected()));
    }
    if (settings.shutdownHookGrace != null) {
      hookThread = new Thread(() -> shutdown(settings.shutdownHookGrace), "hatchet-shutdown-hook");
      Runtime.getRuntime().addShutdownHook(hookThread);
    }
    log.info("worker {} ({}) started with slots {} and {} action(s)", name, workerId, slots.capacity(), handlers.size());
  }

  private void register() {
    RuntimeInfo info = RuntimeInfo.newBuilder()
        .setSdkVersion(SdkInfo.version())
        .setLanguageVersion(System.getProperty("java.version", "unknown"))
        .setOs(System.getProperty("os.name", "unknown").toLowerCase(Locale.ROOT))
        .setExtra("java")
        .build();
    WorkerRegisterRequest req = WorkerRegisterRequest.newBuilder()
        .setWorkerName(name)
        .addAllActions(handlers.keySet())
        .addServices("default")
        .putAllSlotConfig(slots.capacity())
        .putAllLabels(ProtoMapping.workerLabels(labels))
        .setRuntimeInfo(info)
        .build();
    GrpcTransport t = core.transport();
    workerId = t.unary("Dispatcher.Register", t.dispatcher(), s -> s.register(req)).getWorkerId();
  }

  // ------------------------------------------------------------------------------------------------
  // heartbeat

  private void heartbeat() {
    String id = workerId;
    if (id == null || state == State.TERMINATED) {
      return;
    }
    try {
      core.transport().dispatcher().withDeadlineAfter(5, TimeUnit.SECONDS)
          .heartbeat(HeartbeatRequest.newBuilder().setWorkerId(id).setHeartbeatAt(now()).build());
      lastHeartbeatOk.set(System.currentTimeMillis());
      if (outage && streamOpen) {
        outage = false;
        metrics.reconnects.incrementAndGet();
        log.info("worker {} reconnected to the engine", name);
      }
    } catch (StatusRuntimeException e) {
      Status.Code code = e.getStatus().getCode();
      if (code == Status.Code.NOT_FOUND) {
        reregister = true;
      }
      if (code == Status.Code.FAILED_PRECONDITION || code == Status.Code.NOT_FOUND) {
        // the engine lost our stream: make the listener open a new one
        CancellableContext c = listenContext;
        if (c != null) {
          c.cancel(null);
        }
      }
      markOutage("heartbeat failed: " + code + (e.getStatus().getDescription() == null ? "" : " " + e.getStatus().getDescription()));
    } catch (RuntimeException e) {
      log.warn("heartbeat failed", e);
    }
  }

  private void markOutage(String why) {
    if (!outage && state != State.TERMINATED) {
      outage = true;
      log.warn("worker {} lost its connection to the engine ({}); reconnecting", name, why);
    }
  }

  // ------------------------------------------------------------------------------------------------
  // action stream

  private void listenLoop() {
    int attempt = 0;
    while (state == State.RUNNING || state == State.DRAINING) {
      CancellableContext ctx = io.grpc.Context.current().withCancellation();
      listenContext = ctx;
      try {
        if (reregister) {
          log.warn("the engine no longer knows worker {}; registering again", workerId);
          register();
          reregister = false;
        }
        WorkerListenRequest req = WorkerListenRequest.newBuilder().setWorkerId(workerId).build();
        // the stream's callbacks run on the transport's thread and only queue what arrives, so an action
        // reaches this thread in one hand-off; handling it (slot wait, task start) stays on this thread.
        // The queue needs no bound: the engine assigns at most as many tasks as the worker has free slots.
        BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
        ctx.run(() -> {
          var stub = core.transport().dispatcherAsync().withExecutor(Runnable::run);
          Duration timeout = core.config().listenerTimeout();
          if (timeout != null) {
            stub = stub.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
          }
          stub.listenV2(req, new StreamObserver<>() {
            @Override
            public void onNext(AssignedAction value) {
              inbox.add(value);
            }

            @Override
            public void onError(Throwable t) {
              inbox.add(new StreamEnd(t));
            }

            @Override
            public void onCompleted() {
              inbox.add(new StreamEnd(null));
            }
          });
        });
        streamOpen = true;
        while (true) {
          Object next = inbox.take();
          if (next instanceof StreamEnd end) {
            if (end.error != null) {
              throw Status.fromThrowable(end.error).asRuntimeException();
            }
            break;
          }
          attempt = 0;
          handle((AssignedAction) next);
        }
        streamOpen = false;
        if (state == State.RUNNING || state == State.DRAINING) {
          markOutage("action stream closed by the engine");
        }
      } catch (StatusRuntimeException e) {
        streamOpen = false;
        if (state != State.RUNNING && state != State.DRAINING) {
          break;
        }
        Status.Code code = e.getStatus().getCode();
        if (code == Status.Code.NOT_FOUND) {
          reregister = true;
        }
        if (code != Status.Code.CANCELLED) {
          markOutage("action stream: " + code);
        }
      } catch (Exception e) {
        streamOpen = false;
        if (state != State.RUNNING && state != State.DRAINING) {
          break;
        }
        markOutage(e.toString());
      } finally {
        ctx.cancel(null);
      }
      attempt++;
      try {
        Thread.sleep(GrpcTransport.backoffMillis(attempt, 200, 5_000));
      } catch (InterruptedException e) {
        break;
      }
    }
    streamOpen = false;
  }

  /** The end of an action stream, with its error (null when the engine closed it normally). */
  private record StreamEnd(Throwable error) {}

  private void handle(AssignedAction a) throws InterruptedException {
    if (a.getActionType() == ActionType.CANCEL_STEP_RUN) {
      TaskContext ctx = running.get(attemptKey(a.getTaskRunExternalId(), a.getRetryCount()));
      if (ctx == null) {
        // some engines omit the retry count on cancellations: match the task run alone
        for (TaskContext c : running.values()) {
          if (c.taskRunId().equals(a.getTaskRunExternalId())) {
            ctx = c;
          }
        }
      }
      if (ctx != null && ctx.cancel(TaskContext.CancelReason.ENGINE)) {
        log.info("task {} ({}) cancelled by the engine", ctx.spec.name, ctx.taskRunId());
      }
      for (TaskContext c : running.values()) {
        if (c.spec.durable && c.taskRunId().equals(a.getTaskRunExternalId())) {
          c.cancel(TaskContext.CancelReason.ENGINE);
        }
      }
      return;
    }
    if (a.getActionType() != ActionType.START_STEP_RUN) {
      log.warn("ignoring unsupported action type {} for {}", a.getActionType(), a.getActionId());
      return;
    }
    TaskSpec spec = handlers.get(a.getActionId());
    if (spec == null) {
      log.error("no handler for action {}; failing task run {}", a.getActionId(), a.getTaskRunExternalId());
      reporter.submit(event(a, StepActionEventType.STEP_EVENT_TYPE_FAILED,
          "this worker has no handler for action " + a.getActionId(), true));
      return;
    }
    JsonNode payload;
    try {
      payload = a.getActionPayload().isEmpty() ? mapper.createObjectNode() : mapper.readTree(a.getActionPayload());
    } catch (java.io.IOException e) {
      reporter.submit(event(a, StepActionEventType.STEP_EVENT_TYPE_FAILED, "the task payload is not valid JSON: " + e.getMessage(), true));
      return;
    }
    TaskContext ctx = spec.durable ? new DurableTaskContext(this, a, spec, payload) : new TaskContext(this, a, spec, payload);
    slots.acquire(spec);
    running.put(ctx.key(), ctx);
    reporter.submit(event(a, StepActionEventType.STEP_EVENT_TYPE_STARTED, "", false));
    metrics.started.incrementAndGet();
    try {
      executor.execute(() -> execute(ctx));
    } catch (RejectedExecutionException e) {
      running.remove(ctx.key());
      slots.release(spec);
      reporter.submit(event(a, StepActionEventType.STEP_EVENT_TYPE_FAILED, "the worker's executor refused the task: " + e, false));
    }
  }

  private void execute(TaskContext ctx) {
    AssignedAction a = ctx.action;
    ctx.thread = Thread.currentThread();
    CurrentTask.set(ctx);
    MDC.put("hatchet.workflowRunId", a.getWorkflowRunId());
    MDC.put("hatchet.taskRunId", a.getTaskRunExternalId());
    MDC.put("hatchet.taskName", ctx.spec.name);
    long t0 = System.nanoTime();
    String output = null;
    Throwable failure = null;
    try {
      if (ctx.isCancelled()) {
        throw new InterruptedException("cancelled before start");
      }
      Object input;
      try {
        input = core.serializer().fromJson(ctx.inputNode().toString(), workflowOf.get(a.getActionId()).inputType);
      } catch (SerializationException e) {
        throw new NonRetryableException("input of task '" + ctx.spec.name + "' does not bind to its declared type: " + e.getMessage(), e);
      }
      Object result = ctx.spec.invoker.invoke(input, ctx);
      output = result == null ? "" : core.serializer().toJson(result);
      if (output.indexOf('\u0000') >= 0 || output.contains("\\u0000")) {
        throw new NonRetryableException("output of task '" + ctx.spec.name + "' contains a NUL character, which the engine rejects");
      }
    } catch (Throwable t) {
      failure = t;
    }
    finish(ctx, t0, output, failure);
    if (failure instanceof VirtualMachineError && !(failure instanceof StackOverflowError)) {
      throw (VirtualMachineError) failure;
    }
  }

  private void finish(TaskContext ctx, long t0, String output, Throwable failure) {
    AssignedAction a = ctx.action;
    try {
      metrics.observeDuration(System.nanoTime() - t0);
      TaskContext.CancelReason cancelled = ctx.cancelReason();
      if (cancelled == TaskContext.CancelReason.ENGINE) {
        // the engine has already finalised this attempt
        metrics.cancelled.incrementAndGet();
      } else if (cancelled == TaskContext.CancelReason.EVICTED) {
        log.info("durable task {} ({}) evicted while waiting", ctx.spec.name, ctx.taskRunId());
      } else if (cancelled == TaskContext.CancelReason.SHUTDOWN) {
        metrics.failed.incrementAndGet();
        reporter.submit(event(a, StepActionEventType.STEP_EVENT_TYPE_FAILED,
            "the worker shut down before the task finished", false));
      } else if (failure == null) {
        metrics.completed.incrementAndGet();
        reporter.submit(event(a, StepActionEventType.STEP_EVENT_TYPE_COMPLETED, output, false));
      } else {
        metrics.failed.incrementAndGet();
        boolean nonRetryable = failure instanceof NonRetryableException;
        reporter.submit(event(a, StepActionEventType.STEP_EVENT_TYPE_FAILED, errorText(failure), nonRetryable));
        log.debug("task {} ({}) failed: {}", ctx.spec.name, ctx.taskRunId(), failure.toString());
      }
    } finally {
      running.remove(ctx.key());
      ctx.finished();
      if (ctx.markSlotReleased()) {
        slots.release(ctx.spec);
      }
      CurrentTask.set(null);
      MDC.remove("hatchet.workflowRunId");
      MDC.remove("hatchet.taskRunId");
      MDC.remove("hatchet.taskName");
      ctx.thread = null;
      Thread.interrupted();
      int limit = core.config().terminateWorkerAfterTasks();
      if (limit > 0 && tasksHandled.incrementAndGet() == limit) {
        log.info("worker {} handled {} tasks; stopping as configured", name, limit);
        new Thread(() -> shutdown(Duration.ofSeconds(30)), "hatchet-terminate-after-tasks").start();
      }
    }
  }

  /** Java's own rendering: the exception, its message and the stack trace (with causes). */
  static String errorText(Throwable t) {
    java.io.StringWriter sw = new java.io.StringWriter();
    t.printStackTrace(new java.io.PrintWriter(sw));
    String s = sw.toString().replace("\u0000", "");
    return s.length() > MAX_ERROR_LENGTH ? s.substring(0, MAX_ERROR_LENGTH) : s;
  }

  private StepActionEvent event(AssignedAction a, StepActionEventType type, String payload, boolean nonRetryable) {
    StepActionEvent.Builder b = StepActionEvent.newBuilder()
        .setWorkerId(workerId)
        .setJobId(a.getJobId())
        .setJobRunId(a.getJobRunId())
        .setTaskId(a.getTaskId())
        .setTaskRunExternalId(a.getTaskRunExternalId())
        .setActionId(a.getActionId())
        .setEventTimestamp(now())
        .setEventType(type)
        .setEventPayload(payload == null ? "" : payload)
        .setRetryCount(a.getRetryCount());
    if (type == StepActionEventType.STEP_EVENT_TYPE_FAILED && nonRetryable) {
      b.setShouldNotRetry(true);
    }
    return b.build();
  }

  // ------------------------------------------------------------------------------------------------
  // labels, cancellation helpers

  void upsertLabels(Map<String, String> newLabels) {
    UpsertWorkerLabelsRequest req = UpsertWorkerLabelsRequest.newBuilder()
        .setWorkerId(workerId)
        .putAllLabels(ProtoMapping.workerLabels(newLabels))
        .build();
    core.transport().unary("Dispatcher.UpsertWorkerLabels", core.transport().dispatcher(), s -> s.upsertWorkerLabels(req));
    labels.putAll(newLabels);
  }

  void cancelRunViaRest(String runId) {
    core.rest().post("/api/v1/stable/tenants/" + core.config().tenantId() + "/tasks/cancel",
        Map.of("externalIds", List.of(runId)));
  }

  // ------------------------------------------------------------------------------------------------
  // shutdown

  /**
   * Stops taking work, lets running tasks finish within {@code grace} (still heartbeating), cancels what
   * remains, delivers pending events and unregisters. Safe to call more than once.
   */
  public void shutdown(Duration grace) {
    if (!shutdownStarted.compareAndSet(false, true)) {
      awaitTermination(grace.plusSeconds(30));
      return;
    }
    if (state == State.NEW) {
      state = State.TERMINATED;
      terminated.countDown();
      return;
    }
    state = State.DRAINING;
    log.info("worker {} draining: {} task(s) running, grace {}", name, running.size(), grace);
    try {
      core.rest().patch("/api/v1/workers/" + workerId, Map.of("isPaused", true));
    } catch (RuntimeException e) {
      log.warn("could not pause worker {} on the engine: {}", name, e.getMessage());
    }
    // durable tasks that are only waiting give their slots back instead of holding up the drain
    for (TaskContext c : running.values()) {
      if (c instanceof DurableTaskContext) {
        ((DurableTaskContext) c).requestEviction();
      }
    }
    long deadline = System.nanoTime() + grace.toNanos();
    while (!running.isEmpty() && System.nanoTime() < deadline) {
      sleep(50);
    }
    if (!running.isEmpty()) {
      log.warn("worker {}: cancelling {} task(s) still running after the grace period", name, running.size());
      for (TaskContext c : running.values()) {
        c.cancel(TaskContext.CancelReason.SHUTDOWN);
      }
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (!running.isEmpty() && System.nanoTime() < end) {
        sleep(20);
      }
    }
    reporter.close(10_000);
    state = State.TERMINATED;
    CancellableContext c = listenContext;
    if (c != null) {
      c.cancel(null);
    }
    heartbeats.shutdownNow();
    DurableStream d = durableStreamIfOpen();
    if (d != null) {
      d.close();
    }
    try {
      core.transport().dispatcher().withDeadlineAfter(5, TimeUnit.SECONDS)
          .unsubscribe(WorkerUnsubscribeRequest.newBuilder().setWorkerId(workerId).build());
    } catch (StatusRuntimeException e) {
      log.debug("unsubscribe failed: {}", e.getStatus());
    }
    if (health != null) {
      health.stop();
    }
    if (ownExecutor) {
      executor.shutdownNow();
    }
    if (hookThread != null && Thread.currentThread() != hookThread) {
      try {
        Runtime.getRuntime().removeShutdownHook(hookThread);
      } catch (IllegalStateException ignored) {
        // the JVM is already shutting down
      }
    }
    log.info("worker {} stopped", name);
    terminated.countDown();
  }

  public boolean awaitTermination(Duration timeout) {
    try {
      return terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  boolean isDraining() {
    return state == State.DRAINING;
  }

  public boolean isTerminated() {
    return state == State.TERMINATED;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
