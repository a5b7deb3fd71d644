package run.hatchet.features;

/** Sort order of a list. */
public enum SortDirection {
  ASC,
  DESC
}
