package run.hatchet.definition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Options of one task; set them in the options callback of {@code task(...)}. */
public final class TaskOptions {
  Integer retries;
  Double backoffFactor;
  Integer backoffMaxSeconds;
  Duration executionTimeout;
  Duration scheduleTimeout;
  final List<TaskRef<?>> parents = new ArrayList<>();
  final List<Concurrency> concurrency = new ArrayList<>();
  final List<RateLimit> rateLimits = new ArrayList<>();
  final Map<String, DesiredLabel> desiredLabels = new LinkedHashMap<>();
  final List<Condition> waitFor = new ArrayList<>();
  final List<Condition> skipIf = new ArrayList<>();
  final List<Condition> cancelIf = new ArrayList<>();
  final Map<String, Integer> slotRequests = new LinkedHashMap<>();
  EvictionPolicy eviction;

  TaskOptions() {}

  /** Copies the workflow-level task defaults. */
  TaskOptions copyOf() {
    TaskOptions o = new TaskOptions();
    o.retries = retries;
    o.backoffFactor = backoffFactor;
    o.backoffMaxSeconds = backoffMaxSeconds;
    o.executionTimeout = executionTimeout;
    o.scheduleTimeout = scheduleTimeout;
    o.concurrency.addAll(concurrency);
    o.rateLimits.addAll(rateLimits);
    o.desiredLabels.putAll(desiredLabels);
    o.slotRequests.putAll(slotRequests);
    o.eviction = eviction;
    return o;
  }

  /** Retries after a failure (default 0). */
  public TaskOptions retries(int retries) {
    if (retries < 0) {
      throw new IllegalArgumentException("retries must be >= 0 (was " + retries + ")");
    }
    this.retries = retries;
    return this;
  }

  /** Exponential backoff between retries: wait {@code min(maxSeconds, factor^n)} seconds. */
  public TaskOptions backoff(double factor, int maxSeconds) {
    this.backoffFactor = factor;
    this.backoffMaxSeconds = maxSeconds;
    return this;
  }

  /** How long one attempt may run once assigned (engine default 60 s). */
  public TaskOptions executionTimeout(Duration timeout) {
    this.executionTimeout = timeout;
    return this;
  }

  /** How long the task may wait in the queue before it is cancelled (engine default 5 min). */
  public TaskOptions scheduleTimeout(Duration timeout) {
    this.scheduleTimeout = timeout;
    return this;
  }

  /** Tasks of the same workflow that must complete first; their outputs reach this task. */
  public TaskOptions parents(TaskRef<?>... parents) {
    this.parents.addAll(Arrays.asList(parents));
    return this;
  }

  /** Task-level concurrency limits. */
  public TaskOptions concurrency(Concurrency... limits) {
    this.concurrency.addAll(Arrays.asList(limits));
    return this;
  }

  /** Rate limits this task consumes. */
  public TaskOptions rateLimits(RateLimit... limits) {
    this.rateLimits.addAll(Arrays.asList(limits));
    return this;
  }

  /** A worker label this task wants (affinity). */
  public TaskOptions desiredLabel(String key, DesiredLabel label) {
    this.desiredLabels.put(key, label);
    return this;
  }

  /** Queue the task only once all these conditions hold. */
  public TaskOptions waitFor(Condition... conditions) {
    this.waitFor.addAll(Arrays.asList(conditions));
    return this;
  }

  /** Skip the task (output {@code {"skipped": true}}) when these conditions hold. */
  public TaskOptions skipIf(Condition... conditions) {
    this.skipIf.addAll(Arrays.asList(conditions));
    return this;
  }

  /** Cancel the task when these conditions hold. */
  public TaskOptions cancelIf(Condition... conditions) {
    this.cancelIf.addAll(Arrays.asList(conditions));
    return this;
  }

  /** Units of worker slots of a type this task occupies (default one slot of its kind). */
  public TaskOptions slotRequest(String slotType, int units) {
    if (units <= 0) {
      throw new IllegalArgumentException("slot units must be positive (was " + units + ")");
    }
    this.slotRequests.put(slotType, units);
    return this;
  }

  /** For durable tasks: when a task that is only waiting gives its slot back (default {@link EvictionPolicy#DEFAULT}). */
  public TaskOptions eviction(EvictionPolicy policy) {
    this.eviction = policy;
    return this;
  }

  /** Shorthand: this task occupies {@code units} default slots. */
  public TaskOptions slotCost(int units) {
    return slotRequest("default", units);
  }
}
