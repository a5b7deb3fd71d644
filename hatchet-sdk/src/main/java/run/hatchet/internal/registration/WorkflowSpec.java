package run.hatchet.internal.registration;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import run.hatchet.definition.Concurrency;
import run.hatchet.definition.StickyStrategy;
import run.hatchet.serde.Serializer;

/** Everything the SDK knows about one workflow (or standalone task). SDK-internal. */
public final class WorkflowSpec {
  /** A filter registered with the workflow. */
  public static final class Filter {
    public final String expression;
    public final String scope;
    public final String payloadJson;

    public Filter(String expression, String scope, String payloadJson) {
      this.expression = expression;
      this.scope = scope;
      this.payloadJson = payloadJson;
    }
  }

  /** Idempotency configuration. */
  public static final class Idempotency {
    public final String expression;
    public final Duration ttl;
    public final boolean untilFinished;

    public Idempotency(String expression, Duration ttl, boolean untilFinished) {
      this.expression = expression;
      this.ttl = ttl;
      this.untilFinished = untilFinished;
    }
  }

  public final String name;
  public final String description;
  public final String version;
  public final Type inputType;
  public final List<String> eventTriggers;
  public final List<String> crons;
  public final String cronInputJson;
  public final StickyStrategy sticky;
  public final Integer defaultPriority;
  public final List<Concurrency> concurrency;
  public final List<Filter> defaultFilters;
  public final Idempotency idempotency;
  public final List<TaskSpec> tasks;
  public final TaskSpec onFailure;
  /** The serializer of the client that defined the workflow (for running its tasks outside a worker). */
  public final Serializer serializer;

  public WorkflowSpec(String name, String description, String version, Type inputType, List<String> eventTriggers,
      List<String> crons, String cronInputJson, StickyStrategy sticky, Integer defaultPriority,
      List<Concurrency> concurrency, List<Filter> defaultFilters, Idempotency idempotency, List<TaskSpec> tasks,
      TaskSpec onFailure, Serializer serializer) {
    this.name = name;
    this.description = description;
    this.version = version;
    this.inputType = inputType;
    this.eventTriggers = List.copyOf(eventTriggers);
    this.crons = List.copyOf(crons);
    this.cronInputJson = cronInputJson;
    this.sticky = sticky;
    this.defaultPriority = defaultPriority;
    this.concurrency = List.copyOf(concurrency);
    this.defaultFilters = List.copyOf(defaultFilters);
    this.idempotency = idempotency;
    this.tasks = List.copyOf(tasks);
    this.onFailure = onFailure;
    this.serializer = serializer;
  }

  /** All tasks including the on-failure task. */
  public List<TaskSpec> allTasks() {
    if (onFailure == null) {
      return tasks;
    }
    java.util.ArrayList<TaskSpec> all = new java.util.ArrayList<>(tasks);
    all.add(onFailure);
    return all;
  }
}
