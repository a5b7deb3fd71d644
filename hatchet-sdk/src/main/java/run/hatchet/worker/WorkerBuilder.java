package run.hatchet.worker;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import run.hatchet.definition.Definition;
import run.hatchet.internal.client.ClientCore;
import run.hatchet.internal.worker.WorkerRuntime;

/** Configures a worker: its capacity, labels and the workflows it serves. */
public final class WorkerBuilder {
  private final ClientCore core;
  private final WorkerRuntime.Settings settings = new WorkerRuntime.Settings();

  /** SDK-internal; use {@code hatchet.worker(name)}. */
  public WorkerBuilder(ClientCore core, String name) {
    this.core = core;
    if (name == null || !name.matches("^[a-zA-Z0-9.\\-_]+$")) {
      throw new IllegalArgumentException("worker name '" + name + "' is invalid: use letters, digits, '.', '-' and '_' only");
    }
    settings.name = name;
  }

  /** How many (non-durable) tasks may run at once (default 100). */
  public WorkerBuilder slots(int slots) {
    if (slots < 1) {
      throw new IllegalArgumentException("slots must be at least 1 (was " + slots + ")");
    }
    settings.slots = slots;
    return this;
  }

  /** How many durable tasks may run at once (default 1000). */
  public WorkerBuilder durableSlots(int slots) {
    if (slots < 1) {
      throw new IllegalArgumentException("durable slots must be at least 1 (was " + slots + ")");
    }
    settings.durableSlots = slots;
    return this;
  }

  /** Capacity of a custom slot type that tasks request with {@code slotRequest(type, units)}. */
  public WorkerBuilder slots(String slotType, int slots) {
    settings.customSlots.put(slotType, slots);
    return this;
  }

  /** A worker label (string or integer value) for task affinity. */
  public WorkerBuilder label(String key, Object value) {
    settings.labels.put(key, String.valueOf(value));
    return this;
  }

  public WorkerBuilder labels(Map<String, ?> labels) {
    labels.forEach(this::label);
    return this;
  }

  /** Workflows and standalone tasks this worker serves. */
  public WorkerBuilder register(Definition<?, ?>... definitions) {
    for (Definition<?, ?> d : definitions) {
      settings.workflows.add(d.spec());
    }
    return this;
  }

  /** Runs tasks on your executor instead of the default (virtual threads on Java 21+, else a thread pool). */
  public WorkerBuilder executor(ExecutorService executor) {
    settings.executor = executor;
    return this;
  }

  /** On JVM shutdown (SIGTERM, Ctrl-C) drain the worker with this grace period. */
  public WorkerBuilder shutdownHook(Duration grace) {
    settings.shutdownHookGrace = grace;
    return this;
  }

  /** Serve {@code /health} and {@code /metrics} on this port (0 = any free port). */
  public WorkerBuilder healthcheck(int port) {
    settings.healthcheck = true;
    settings.healthcheckPort = port;
    return this;
  }

  /** Registers with the engine and starts serving. */
  public Worker start() {
    WorkerRuntime runtime = new WorkerRuntime(core, settings);
    runtime.start();
    return new Worker(runtime);
  }
}
