package run.hatchet.definition;

import java.time.Duration;
import java.util.Objects;

/**
 * When a durable task that is only waiting (durable sleep, event wait, child result) gives its durable
 * slot back: after waiting {@code ttl}; when all durable slots of its worker are taken and it has waited
 * at least 10 s (capacity eviction, lowest priority first); and always when its worker shuts down. The
 * engine keeps the run and hands it to a worker again (replaying its history) once the wait is satisfied
 * or the run is restored.
 */
public final class EvictionPolicy {
  /** The default for durable tasks: evict after 15 minutes of waiting. */
  public static final EvictionPolicy DEFAULT = new EvictionPolicy(Duration.ofMinutes(15), true, 0);

  private final Duration ttl;
  private final boolean capacityEviction;
  private final int priority;

  private EvictionPolicy(Duration ttl, boolean capacityEviction, int priority) {
    this.ttl = ttl;
    this.capacityEviction = capacityEviction;
    this.priority = priority;
  }

  /** Evict after waiting {@code ttl}. */
  public static EvictionPolicy afterWaiting(Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("eviction ttl must be positive (was " + ttl + ")");
    }
    return new EvictionPolicy(ttl, true, 0);
  }

  /** Never evict on a timer (shutdown still evicts waiting tasks rather than failing them). */
  public static EvictionPolicy never() {
    return new EvictionPolicy(null, true, 0);
  }

  /** The same policy, allowing or forbidding eviction when the worker's durable slots are all taken. */
  public EvictionPolicy capacityEviction(boolean allowed) {
    return new EvictionPolicy(ttl, allowed, priority);
  }

  /** The same policy with an eviction priority: lower values are evicted first under slot pressure. */
  public EvictionPolicy priority(int priority) {
    return new EvictionPolicy(ttl, capacityEviction, priority);
  }

  /** Whether the task may be evicted when its worker's durable slots are all taken. */
  public boolean capacityEviction() {
    return capacityEviction;
  }

  /** Lower values are evicted first under slot pressure. */
  public int priority() {
    return priority;
  }

  /** The waiting time before eviction, or null for none. */
  public Duration ttl() {
    return ttl;
  }
}
