package run.hatchet.definition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/** Options of a workflow (or of the workflow behind a standalone task). */
public final class WorkflowOptions {
  String description = "";
  String version = "";
  final List<String> eventTriggers = new ArrayList<>();
  final List<String> crons = new ArrayList<>();
  Object cronInput;
  StickyStrategy sticky;
  Integer defaultPriority;
  final List<Concurrency> concurrency = new ArrayList<>();
  final List<Object[]> defaultFilters = new ArrayList<>();
  final TaskOptions taskDefaults = new TaskOptions();
  String idempotencyExpression;
  Duration idempotencyTtl;
  boolean idempotencyUntilFinished;

  WorkflowOptions() {}

  public WorkflowOptions description(String description) {
    this.description = description == null ? "" : description;
    return this;
  }

  /** A label for humans; the engine versions definitions by content. */
  public WorkflowOptions version(String version) {
    this.version = version == null ? "" : version;
    return this;
  }

  /** Event keys that start a run (namespaced by the client; {@code *} is a wildcard, e.g. {@code "order:*"}). */
  public WorkflowOptions onEvents(String... keys) {
    this.eventTriggers.addAll(Arrays.asList(keys));
    return this;
  }

  /** Cron expressions (5 fields, or 6 with leading seconds) that start a run. */
  public WorkflowOptions onCrons(String... expressions) {
    this.crons.addAll(Arrays.asList(expressions));
    return this;
  }

  /** Input given to runs started by the crons. */
  public WorkflowOptions cronInput(Object input) {
    this.cronInput = input;
    return this;
  }

  public WorkflowOptions sticky(StickyStrategy sticky) {
    this.sticky = sticky;
    return this;
  }

  /** Priority of runs that do not name one: 1 (low, the default) to 3 (high). */
  public WorkflowOptions defaultPriority(int priority) {
    this.defaultPriority = priority;
    return this;
  }

  /** Workflow-level concurrency limits. */
  public WorkflowOptions concurrency(Concurrency... limits) {
    this.concurrency.addAll(Arrays.asList(limits));
    return this;
  }

  /**
   * A filter: events pushed with {@code scope} trigger the workflow only when the CEL expression holds;
   * {@code payload} (may be null) reaches the tasks as the filter payload.
   */
  public WorkflowOptions defaultFilter(String expression, String scope, Object payload) {
    this.defaultFilters.add(new Object[] {expression, scope, payload});
    return this;
  }

  /** Defaults applied to every task of the workflow before its own options. */
  public WorkflowOptions taskDefaults(Consumer<TaskOptions> defaults) {
    defaults.accept(taskDefaults);
    return this;
  }

  /**
   * Deduplicates runs by a CEL key over the run (e.g. {@code "additional_metadata.request_id"}): a second
   * trigger with the same key within {@code ttl} raises {@code IdempotencyCollisionException}.
   */
  public WorkflowOptions idempotency(String expression, Duration ttl) {
    this.idempotencyExpression = expression;
    this.idempotencyTtl = ttl;
    return this;
  }

  /** Like {@link #idempotency(String, Duration)}, but the key is held only while the run is active. */
  public WorkflowOptions idempotencyWhileRunning(String expression, Duration maxTtl) {
    idempotency(expression, maxTtl);
    this.idempotencyUntilFinished = true;
    return this;
  }
}
