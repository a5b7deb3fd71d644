package run.hatchet.definition;

/** Window of a rate limit. */
public enum RateLimitDuration {
  SECOND,
  MINUTE,
  HOUR,
  DAY,
  WEEK,
  MONTH,
  YEAR
}
