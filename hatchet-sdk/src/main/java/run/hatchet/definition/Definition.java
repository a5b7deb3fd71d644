package run.hatchet.definition;

import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import run.hatchet.client.BulkRun;
import run.hatchet.client.RunOptions;
import run.hatchet.client.RunOutcome;
import run.hatchet.client.RunRef;
import run.hatchet.client.WorkflowResult;
import run.hatchet.internal.client.ClientCore;
import run.hatchet.internal.client.DefaultRunRef;
import run.hatchet.internal.registration.WorkflowSpec;

/**
 * Something that can be run: a {@link Workflow} (result: all task outputs) or a standalone {@link Task}
 * (result: its output). Calling the run methods from inside a running task makes the new run a child of
 * that task automatically.
 */
public abstract class Definition<I, R> {
  final ClientCore core;
  final String name;
  final Type inputType;

  Definition(ClientCore core, String name, Type inputType) {
    this.core = Objects.requireNonNull(core, "core");
    this.name = Validation.name(name, "workflow name");
    this.inputType = Objects.requireNonNull(inputType, "inputType");
  }

  /** The name as defined (without namespace). */
  public String name() {
    return name;
  }

  /** The input type. */
  public Type inputType() {
    return inputType;
  }

  /** SDK-internal: the validated description used for registration and dispatch. */
  public abstract WorkflowSpec spec();

  abstract R fromResult(WorkflowResult result);

  /**
   * SDK-internal: the result of a child run from the payload the engine records for durable children
   * (a standalone task's output, or a workflow's outputs keyed by task name).
   */
  public R resultFromPayload(String runId, String payloadJson) {
    java.util.Map<String, String> outputs = new java.util.LinkedHashMap<>();
    if (this instanceof Task) {
      outputs.put(name, payloadJson);
    } else {
      try {
        com.fasterxml.jackson.databind.JsonNode tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(payloadJson);
        for (java.util.Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> e : tree.properties()) {
          outputs.put(e.getKey(), e.getValue().toString());
        }
      } catch (java.io.IOException e) {
        throw new run.hatchet.HatchetException("the engine returned an unreadable result for run " + runId, e);
      }
    }
    return fromResult(new WorkflowResult(runId, outputs, core.serializer()));
  }

  private Function<WorkflowResult, R> mapper() {
    return this::fromResult;
  }

  /** Triggers a run and blocks until it finishes. */
  public R run(I input) {
    return run(input, RunOptions.create());
  }

  public R run(I input, RunOptions options) {
    return runNoWait(input, options).result();
  }

  /** Triggers a run and returns at once. */
  public RunRef<R> runNoWait(I input) {
    return runNoWait(input, RunOptions.create());
  }

  public RunRef<R> runNoWait(I input, RunOptions options) {
    String id = core.trigger(name, core.serializer().toJson(input), options);
    return new DefaultRunRef<>(core, id, mapper());
  }

  /** A handle on an existing run of this definition, e.g. one triggered by another process. */
  public RunRef<R> attach(String runId) {
    return new DefaultRunRef<>(core, runId, mapper());
  }

  /** Triggers one run per input in bulk requests and waits for all; results are in input order. */
  public List<R> runMany(List<I> inputs) {
    List<R> out = new ArrayList<>();
    for (RunOutcome<R> o : runManyOutcomes(toItems(inputs))) {
      out.add(o.value());
    }
    return out;
  }

  /** Like {@link #runMany(List)}, but a failed run yields its exception at its index instead of throwing. */
  public List<RunOutcome<R>> runManyOutcomes(List<BulkRun<I>> items) {
    List<RunRef<R>> refs = runManyNoWait(items);
    List<CompletableFuture<R>> futures = new ArrayList<>();
    for (RunRef<R> ref : refs) {
      futures.add(ref.resultAsync());
    }
    List<RunOutcome<R>> out = new ArrayList<>();
    for (CompletableFuture<R> f : futures) {
      try {
        out.add(RunOutcome.success(f.join()));
      } catch (CompletionException e) {
        Throwable c = e.getCause();
        out.add(RunOutcome.failure(c instanceof RuntimeException ? (RuntimeException) c : e));
      }
    }
    return out;
  }

  /** Triggers one run per item (each with its own options) in bulk requests; returns at once. */
  public List<RunRef<R>> runManyNoWait(List<BulkRun<I>> items) {
    List<String> inputs = new ArrayList<>(items.size());
    List<RunOptions> options = new ArrayList<>(items.size());
    for (BulkRun<I> item : items) {
      inputs.add(core.serializer().toJson(item.input()));
      options.add(item.options());
    }
    List<RunRef<R>> refs = new ArrayList<>();
    for (String id : core.triggerMany(name, inputs, options)) {
      refs.add(new DefaultRunRef<>(core, id, mapper()));
    }
    return refs;
  }

  private static <I> List<BulkRun<I>> toItems(List<I> inputs) {
    List<BulkRun<I>> items = new ArrayList<>(inputs.size());
    for (I in : inputs) {
      items.add(BulkRun.of(in));
    }
    return items;
  }

  /** Schedules one run at {@code at}; returns the scheduled run's id. */
  public String schedule(Instant at, I input) {
    return schedule(at, input, RunOptions.create());
  }

  public String schedule(Instant at, I input, RunOptions options) {
    return core.schedule(name, at, core.serializer().toJson(input), options);
  }
}
