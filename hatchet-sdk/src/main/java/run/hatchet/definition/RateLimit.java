package run.hatchet.definition;

import java.util.Objects;

/**
 * A rate limit a task consumes. Static: a key (created with {@code hatchet.rateLimits().put(...)}) and a
 * number of units. Dynamic: CEL expressions for the key, the units and optionally the limit.
 */
public final class RateLimit {
  private final String key;
  private final Integer units;
  private final String keyExpr;
  private final String unitsExpr;
  private final String limitExpr;
  private final RateLimitDuration duration;

  private RateLimit(String key, Integer units, String keyExpr, String unitsExpr, String limitExpr, RateLimitDuration duration) {
    this.key = key;
    this.units = units;
    this.keyExpr = keyExpr;
    this.unitsExpr = unitsExpr;
    this.limitExpr = limitExpr;
    this.duration = duration;
  }

  /** Consumes {@code units} of the limit {@code key} per task run. */
  public static RateLimit of(String key, int units) {
    return new RateLimit(Objects.requireNonNull(key, "key"), units, null, null, null, null);
  }

  /**
   * A limit whose key is computed per run, e.g. {@code dynamic("input.user_id", 1, 10, RateLimitDuration.MINUTE)}:
   * each user may start 10 runs per minute.
   */
  public static RateLimit dynamic(String keyExpression, int units, int limit, RateLimitDuration window) {
    return new RateLimit(keyExpression, units, Objects.requireNonNull(keyExpression, "keyExpression"), null,
        Integer.toString(limit), Objects.requireNonNull(window, "window"));
  }

  /** A fully expression-based limit (key, units and limit are CEL). */
  public static RateLimit expressions(String keyExpression, String unitsExpression, String limitExpression, RateLimitDuration window) {
    return new RateLimit(keyExpression, null, keyExpression, unitsExpression, limitExpression, window);
  }

  public String key() {
    return key;
  }

  public Integer units() {
    return units;
  }

  public String keyExpr() {
    return keyExpr;
  }

  public String unitsExpr() {
    return unitsExpr;
  }

  public String limitExpr() {
    return limitExpr;
  }

  public RateLimitDuration duration() {
    return duration;
  }
}
