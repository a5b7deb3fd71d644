package run.hatchet.internal.registration;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import run.hatchet.definition.Concurrency;
import run.hatchet.definition.Condition;
import run.hatchet.definition.DesiredLabel;
import run.hatchet.definition.RateLimit;

/** Everything the SDK knows about one task of a workflow. Built by the definition API; SDK-internal. */
public final class TaskSpec {
  /** Calls the user's function. */
  @FunctionalInterface
  public interface Invoker {
    Object invoke(Object input, Object context) throws Exception;
  }

  public enum Kind {
    NORMAL,
    ON_FAILURE,
    ON_SUCCESS
  }

  public final String name;
  public final Type outputType;
  public final boolean durable;
  public final Kind kind;
  public final Integer retries;
  public final Double backoffFactor;
  public final Integer backoffMaxSeconds;
  public final Duration executionTimeout;
  public final Duration scheduleTimeout;
  public final List<String> parents;
  public final List<Concurrency> concurrency;
  public final List<RateLimit> rateLimits;
  public final Map<String, DesiredLabel> desiredLabels;
  public final List<Condition> waitFor;
  public final List<Condition> skipIf;
  public final List<Condition> cancelIf;
  public final Map<String, Integer> slotRequests;
  public final Invoker invoker;
  /** For durable tasks: waiting time before the worker evicts it, or null for never. */
  public final java.time.Duration evictAfter;
  /** For durable tasks: the eviction policy (null for other tasks). */
  public final run.hatchet.definition.EvictionPolicy eviction;

  public TaskSpec(String name, Type outputType, boolean durable, Kind kind, Integer retries, Double backoffFactor,
      Integer backoffMaxSeconds, Duration executionTimeout, Duration scheduleTimeout, List<String> parents,
      List<Concurrency> concurrency, List<RateLimit> rateLimits, Map<String, DesiredLabel> desiredLabels,
      List<Condition> waitFor, List<Condition> skipIf, List<Condition> cancelIf, Map<String, Integer> slotRequests,
      Invoker invoker, run.hatchet.definition.EvictionPolicy eviction) {
    this.name = name;
    this.outputType = outputType;
    this.durable = durable;
    this.kind = kind;
    this.retries = retries;
    this.backoffFactor = backoffFactor;
    this.backoffMaxSeconds = backoffMaxSeconds;
    this.executionTimeout = executionTimeout;
    this.scheduleTimeout = scheduleTimeout;
    this.parents = List.copyOf(parents);
    this.concurrency = List.copyOf(concurrency);
    this.rateLimits = List.copyOf(rateLimits);
    this.desiredLabels = Map.copyOf(desiredLabels);
    this.waitFor = List.copyOf(waitFor);
    this.skipIf = List.copyOf(skipIf);
    this.cancelIf = List.copyOf(cancelIf);
    this.slotRequests = Map.copyOf(slotRequests);
    this.invoker = invoker;
    this.eviction = eviction;
    this.evictAfter = eviction == null ? null : eviction.ttl();
  }

  /** Slot type to units this task occupies on a worker. */
  public Map<String, Integer> effectiveSlotRequests() {
    if (!slotRequests.isEmpty()) {
      return slotRequests;
    }
    return Map.of(durable ? "durable" : "default", 1);
  }
}
