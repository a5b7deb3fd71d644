package run.hatchet.definition;

import java.time.Duration;
import java.util.Objects;

/**
 * When a durable task that is only waiting (durable sleep, event wait, child result) gives its durable
 * slot back: after waiting {@code ttl}, and always when its worker shuts down. The engine keeps the
 * run and hands it to a worker again (replaying its history) once the wait is satisfied or the run is
 * restored.
 */
public final class EvictionPolicy {
  /** The default for durable tasks: evict after 15 minutes of waiting. */
  public static final EvictionPolicy DEFAULT = new EvictionPolicy(Duration.ofMinutes(15));

  private final Duration ttl;

  private EvictionPolicy(Duration ttl) {
    this.ttl = ttl;
  }

  /** Evict after waiting {@code ttl}. */
  public static EvictionPolicy afterWaiting(Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("eviction ttl must be positive (was " + ttl + ")");
    }
    return new EvictionPolicy(ttl);
  }

  /** Never evict on a timer (shutdown still evicts waiting tasks rather than failing them). */
  public static EvictionPolicy never() {
    return new EvictionPolicy(null);
  }

  /** The waiting time before eviction, or null for none. */
  public Duration ttl() {
    return ttl;
  }
}
