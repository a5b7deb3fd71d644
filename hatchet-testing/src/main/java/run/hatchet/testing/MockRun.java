package run.hatchet.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import run.hatchet.Hatchet;
import run.hatchet.config.ClientConfig;
import run.hatchet.config.TlsStrategy;
import run.hatchet.definition.Task;
import run.hatchet.definition.TaskRef;
import run.hatchet.definition.Workflow;
import run.hatchet.internal.registration.TaskSpec;
import run.hatchet.internal.registration.WorkflowSpec;
import run.hatchet.serde.Serializer;

/**
 * Runs one task's function in this process, without an engine: give it an input, additional metadata,
 * parent outputs, a retry count, then {@link #run()} it and assert on the typed output or the
 * exception, and on what the task logged and streamed.
 *
 * <p>The input, the parent outputs and the output go through the definition's serializer as they would
 * between a worker and the engine, so a type that does not survive JSON fails here too. The task runs
 * on a thread of its own; {@link #start()} lets a test cancel it midway. Durable tasks are not
 * supported (their context replays against the engine's event log): run them on an engine with
 * {@link HatchetTest}. Runs the task spawns (children, events) are not mocked.
 *
 * <pre>{@code
 * MockResult<Out> r = MockRun.of(task).input(new In("x")).metadata("user", "u1").retryCount(1).run();
 * assertThat(r.output()).isEqualTo(new Out("X"));
 * assertThat(r.logMessages()).contains("attempt 2");
 * }</pre>
 *
 * @param <I> the task's input type
 * @param <O> the task's output type
 */
public final class MockRun<I, O> {
  private final TaskSpec spec;
  private final Type inputType;
  private final Type outputType;
  Serializer serializer;
  private I input;
  String workflowRunId = UUID.randomUUID().toString();
  String taskRunId = UUID.randomUUID().toString();
  int retryCount;
  int priority = 1;
  final Map<String, Object> metadata = new LinkedHashMap<>();
  final Map<String, String> parentOutputs = new LinkedHashMap<>();
  final Set<String> skippedParents = new HashSet<>();
  final Map<String, String> taskRunErrors = new LinkedHashMap<>();
  JsonNode triggers;
  String triggeringEventKey;
  final Map<String, String> workerLabels = new LinkedHashMap<>();

  private MockRun(WorkflowSpec workflow, TaskSpec spec) {
    if (spec.durable) {
      throw new UnsupportedOperationException("task '" + spec.name + "' is durable: its context replays against the"
          + " engine's durable event log, which a mock run does not have; test it on an engine with @HatchetTest");
    }
    this.spec = spec;
    this.inputType = workflow.inputType;
    this.outputType = spec.outputType;
    this.serializer = workflow.serializer;
  }

  /** A mock run of a standalone task. */
  public static <I, O> MockRun<I, O> of(Task<I, O> task) {
    Objects.requireNonNull(task, "task");
    WorkflowSpec wf = task.spec();
    return new MockRun<>(wf, find(wf, task.name()));
  }

  /** A mock run of one task of a workflow (including its on-failure and on-success tasks). */
  public static <I, O> MockRun<I, O> of(Workflow<I> workflow, TaskRef<O> task) {
    Objects.requireNonNull(workflow, "workflow");
    Objects.requireNonNull(task, "task");
    WorkflowSpec wf = workflow.spec();
    return new MockRun<>(wf, find(wf, task.name()));
  }

  private static TaskSpec find(WorkflowSpec wf, String name) {
    for (TaskSpec t : wf.allTasks()) {
      if (t.name.equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("workflow '" + wf.name + "' has no task named '" + name + "'");
  }

  /**
   * A client that never reaches an engine, for defining tasks and workflows in tests without one (it
   * ignores the {@code HATCHET_CLIENT_*} environment). Running or registering anything with it fails.
   * Close it after use.
   */
  public static Hatchet offlineClient() {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String claims = "{\"sub\":\"offline\",\"grpc_broadcast_address\":\"127.0.0.1:1\",\"server_url\":\"http://127.0.0.1:1\"}";
    String token = b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".offline";
    return Hatchet.builder().config(ClientConfig.builder().environment(Map.of()).token(token)
        .tlsStrategy(TlsStrategy.NONE).build()).build();
  }

  /** The input; serialized and read back as the task's declared input type. */
  public MockRun<I, O> input(I input) {
    this.input = input;
    return this;
  }

  /** One entry of additional metadata. */
  public MockRun<I, O> metadata(String key, Object value) {
    metadata.put(Objects.requireNonNull(key, "key"), value);
    return this;
  }

  /** Entries of additional metadata (added to those given before). */
  public MockRun<I, O> additionalMetadata(Map<String, ?> metadata) {
    this.metadata.putAll(metadata);
    return this;
  }

  /** The output of a parent task, as {@code ctx.parentOutput(parent)} returns it. */
  public <P> MockRun<I, O> parentOutput(TaskRef<P> parent, P output) {
    parentOutputs.put(checkParent(parent), serializer.toJson(output));
    return this;
  }

  /** Marks a parent as skipped by a skip condition ({@code ctx.wasSkipped(parent)} is true). */
  public MockRun<I, O> skippedParent(TaskRef<?> parent) {
    skippedParents.add(checkParent(parent));
    return this;
  }

  private String checkParent(TaskRef<?> parent) {
    String name = Objects.requireNonNull(parent, "parent").name();
    if (spec.kind == TaskSpec.Kind.NORMAL && !spec.parents.contains(name)) {
      throw new IllegalArgumentException("'" + name + "' is not a parent of task '" + spec.name + "' (its parents: "
          + spec.parents + ")");
    }
    return name;
  }

  /** The retry count: 0 for the first attempt (the default), 1 for the first retry, … */
  public MockRun<I, O> retryCount(int retryCount) {
    if (retryCount < 0) {
      throw new IllegalArgumentException("retry count must not be negative (was " + retryCount + ")");
    }
    this.retryCount = retryCount;
    return this;
  }

  /** The run's priority, 1 (the default) to 3. */
  public MockRun<I, O> priority(int priority) {
    if (priority < 1 || priority > 3) {
      throw new IllegalArgumentException("priority must be between 1 and 3 (was " + priority + ")");
    }
    this.priority = priority;
    return this;
  }

  /** For an on-failure task: failed task name to its error text. */
  public MockRun<I, O> taskRunErrors(Map<String, String> errors) {
    taskRunErrors.putAll(errors);
    return this;
  }

  /** The data of satisfied conditions ({@code ctx.triggers()}), serialized to JSON. */
  public MockRun<I, O> triggers(Object triggers) {
    try {
      this.triggers = new ObjectMapper().readTree(serializer.toJson(triggers));
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("the triggers do not serialize to JSON", e);
    }
    return this;
  }

  /** The key of the event that triggered the run. */
  public MockRun<I, O> triggeringEventKey(String key) {
    this.triggeringEventKey = key;
    return this;
  }

  /** The worker's labels as the task sees them. */
  public MockRun<I, O> workerLabels(Map<String, String> labels) {
    workerLabels.putAll(labels);
    return this;
  }

  /** The workflow run id (a random UUID by default). */
  public MockRun<I, O> workflowRunId(String id) {
    this.workflowRunId = Objects.requireNonNull(id, "id");
    return this;
  }

  /** The task run id (a random UUID by default). */
  public MockRun<I, O> taskRunId(String id) {
    this.taskRunId = Objects.requireNonNull(id, "id");
    return this;
  }

  /** Another serializer than the one of the client that defined the task. */
  public MockRun<I, O> serializer(Serializer serializer) {
    this.serializer = Objects.requireNonNull(serializer, "serializer");
    return this;
  }

  /** Runs the task and waits until it finishes. */
  public MockResult<O> run() {
    return start().await();
  }

  /** Starts the task on a thread of its own and returns at once; cancel or await it through the handle. */
  public MockExecution<O> start() {
    MockContext ctx = new MockContext(this, spec.name);
    String inputJson = serializer.toJson(input);
    CompletableFuture<MockResult<O>> done = new CompletableFuture<>();
    Thread t = new Thread(() -> done.complete(execute(ctx, inputJson)), "hatchet-mock-" + spec.name);
    t.setDaemon(true);
    ctx.bind(t);
    t.start();
    return new MockExecution<>(ctx, done);
  }

  @SuppressWarnings("unchecked")
  private MockResult<O> execute(MockContext ctx, String inputJson) {
    try {
      Object in = serializer.fromJson(inputJson, inputType);
      Object out = spec.invoker.invoke(in, ctx);
      String json = out == null ? null : serializer.toJson(out);
      O typed = json == null ? null : (O) serializer.fromJson(json, outputType);
      return new MockResult<>(ctx, typed, json, null);
    } catch (Throwable e) {
      return new MockResult<>(ctx, null, null, e);
    }
  }
}
