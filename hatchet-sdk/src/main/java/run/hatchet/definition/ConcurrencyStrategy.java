package run.hatchet.definition;

/** What happens when a concurrency key is at its limit. */
public enum ConcurrencyStrategy {
  /** Cancel the running run(s) of the key to admit the new one. */
  CANCEL_IN_PROGRESS,
  /** Queue and admit runs fairly across keys. */
  GROUP_ROUND_ROBIN,
  /** Cancel the newly arriving run. */
  CANCEL_NEWEST
}
