package run.hatchet;

import java.util.Objects;
import java.util.function.Consumer;
import run.hatchet.client.EventClient;
import run.hatchet.config.ClientConfig;
import run.hatchet.definition.DurableTaskFn;
import run.hatchet.definition.Task;
import run.hatchet.definition.TaskFn;
import run.hatchet.definition.TaskOptions;
import run.hatchet.definition.Workflow;
import run.hatchet.definition.WorkflowOptions;
import run.hatchet.features.CelClient;
import run.hatchet.features.CronsClient;
import run.hatchet.features.FiltersClient;
import run.hatchet.features.LogsClient;
import run.hatchet.features.MetricsClient;
import run.hatchet.features.RateLimitsClient;
import run.hatchet.features.RunsClient;
import run.hatchet.features.ScheduledClient;
import run.hatchet.features.TenantClient;
import run.hatchet.features.WebhooksClient;
import run.hatchet.features.WorkersClient;
import run.hatchet.features.WorkflowsClient;
import run.hatchet.internal.client.ClientCore;
import run.hatchet.internal.proto.GetVersionRequest;
import run.hatchet.serde.JacksonSerializer;
import run.hatchet.serde.Serializer;
import run.hatchet.worker.WorkerBuilder;

/**
 * The entry point: a client for one Hatchet tenant. Define tasks and workflows, start workers, trigger
 * runs and push events. Thread-safe; create one per application and close it at the end.
 */
public final class Hatchet implements AutoCloseable {
  private final ClientCore core;
  private final EventClient events;
  private final RunsClient runs;
  private final WorkflowsClient workflows;
  private final WorkersClient workers;
  private final CronsClient crons;
  private final ScheduledClient scheduled;
  private final RateLimitsClient rateLimits;
  private final MetricsClient metrics;
  private final LogsClient logs;
  private final FiltersClient filters;
  private final WebhooksClient webhooks;
  private final CelClient cel;
  private final TenantClient tenant;

  private Hatchet(ClientConfig config, Serializer serializer) {
    this.core = new ClientCore(config, serializer);
    this.events = new EventClient(core);
    this.runs = new RunsClient(core);
    this.workflows = new WorkflowsClient(core);
    this.workers = new WorkersClient(core);
    this.crons = new CronsClient(core);
    this.scheduled = new ScheduledClient(core);
    this.rateLimits = new RateLimitsClient(core);
    this.metrics = new MetricsClient(core);
    this.logs = new LogsClient(core);
    this.filters = new FiltersClient(core);
    this.webhooks = new WebhooksClient(core);
    this.cel = new CelClient(core);
    this.tenant = new TenantClient(core);
  }

  /** A client configured from the {@code HATCHET_CLIENT_*} environment variables. */
  public static Hatchet fromEnv() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public ClientConfig config() {
    return core.config();
  }

  /** The serializer used for inputs, outputs and payloads. */
  public Serializer serializer() {
    return core.serializer();
  }

  /** The engine's version, e.g. {@code v0.104.7}. */
  public String engineVersion() {
    return core.transport().unary("Dispatcher.GetVersion", core.transport().dispatcher(),
        s -> s.getVersion(GetVersionRequest.getDefaultInstance())).getVersion();
  }

  /** A standalone task. */
  public <I, O> Task<I, O> task(String name, Class<I> inputType, Class<O> outputType, TaskFn<I, O> fn) {
    return Task.create(core, name, inputType, outputType, fn, null, null);
  }

  /** A standalone task with task options (retries, timeouts, concurrency, …). */
  public <I, O> Task<I, O> task(String name, Class<I> inputType, Class<O> outputType, TaskFn<I, O> fn,
      Consumer<TaskOptions> options) {
    return Task.create(core, name, inputType, outputType, fn, options, null);
  }

  /** A standalone task with task options and options of its workflow (triggers, crons, priority, …). */
  public <I, O> Task<I, O> task(String name, Class<I> inputType, Class<O> outputType, TaskFn<I, O> fn,
      Consumer<TaskOptions> options, Consumer<WorkflowOptions> workflowOptions) {
    return Task.create(core, name, inputType, outputType, fn, options, workflowOptions);
  }

  /** A standalone durable task (sleeps, event waits, memoised values and children survive restarts). */
  public <I, O> Task<I, O> durableTask(String name, Class<I> inputType, Class<O> outputType, DurableTaskFn<I, O> fn) {
    return Task.createDurable(core, name, inputType, outputType, fn, null, null);
  }

  /** A standalone durable task with task options. */
  public <I, O> Task<I, O> durableTask(String name, Class<I> inputType, Class<O> outputType, DurableTaskFn<I, O> fn,
      Consumer<TaskOptions> options) {
    return Task.createDurable(core, name, inputType, outputType, fn, options, null);
  }

  /** A workflow; add tasks to it with {@link Workflow#task}. */
  public <I> Workflow<I> workflow(String name, Class<I> inputType) {
    return new Workflow<>(core, name, inputType, null);
  }

  public <I> Workflow<I> workflow(String name, Class<I> inputType, Consumer<WorkflowOptions> options) {
    return new Workflow<>(core, name, inputType, options);
  }

  /**
   * A standalone task defined in another service (any language), to run by name: its input is sent as
   * JSON and its output bound to {@code outputType} (use {@code JsonNode} for untyped). Cannot be
   * registered on a worker.
   */
  public <I, O> Task<I, O> stubTask(String name, Class<I> inputType, Class<O> outputType) {
    return Task.stub(core, name, inputType, outputType);
  }

  /** A workflow defined in another service, to run by name; results are keyed by task name. */
  public <I> Workflow<I> stubWorkflow(String name, Class<I> inputType) {
    return Workflow.stub(core, name, inputType);
  }

  /** Starts configuring a worker. */
  public WorkerBuilder worker(String name) {
    return new WorkerBuilder(core, name);
  }

  /** Pushing events; listing and reading stored events. */
  public EventClient events() {
    return events;
  }

  /** Runs: read, list, cancel, replay, timings, traces (REST). */
  public RunsClient runs() {
    return runs;
  }

  /** Registered workflows: read, list, delete, pause (REST). */
  public WorkflowsClient workflows() {
    return workflows;
  }

  /** Workers: read, list, pause (REST). */
  public WorkersClient workers() {
    return workers;
  }

  /** Named cron triggers (REST). */
  public CronsClient crons() {
    return crons;
  }

  /** Runs scheduled for a point in time (REST). */
  public ScheduledClient scheduled() {
    return scheduled;
  }

  /** Rate limits: upsert (gRPC), list and delete (REST). */
  public RateLimitsClient rateLimits() {
    return rateLimits;
  }

  /** Task and queue metrics (REST). */
  public MetricsClient metrics() {
    return metrics;
  }

  /** Task log lines (REST). */
  public LogsClient logs() {
    return logs;
  }

  /** Event filters (REST). */
  public FiltersClient filters() {
    return filters;
  }

  /** Incoming webhooks (REST). */
  public WebhooksClient webhooks() {
    return webhooks;
  }

  /** CEL expression debugging (REST). */
  public CelClient cel() {
    return cel;
  }

  /** The client's tenant (REST). */
  public TenantClient tenant() {
    return tenant;
  }

  /** SDK-internal machinery, for the SDK's own modules. */
  public ClientCore core() {
    return core;
  }

  @Override
  public void close() {
    core.close();
  }

  /** Builds a client: configuration (or the environment) and an optional serializer. */
  public static final class Builder {
    private ClientConfig config;
    private Serializer serializer;

    private Builder() {}

    public Builder config(ClientConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    public Builder serializer(Serializer serializer) {
      this.serializer = Objects.requireNonNull(serializer, "serializer");
      return this;
    }

    public Hatchet build() {
      return new Hatchet(config != null ? config : ClientConfig.fromEnv(),
          serializer != null ? serializer : new JacksonSerializer());
    }
  }
}
