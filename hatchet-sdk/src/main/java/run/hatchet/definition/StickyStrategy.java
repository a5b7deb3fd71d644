package run.hatchet.definition;

/** Keep all tasks of a run on one worker: preferably (SOFT) or strictly (HARD). */
public enum StickyStrategy {
  SOFT,
  HARD
}
