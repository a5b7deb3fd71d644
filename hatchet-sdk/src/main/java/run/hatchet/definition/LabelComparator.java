package run.hatchet.definition;

/** How a worker's label value is compared with a desired value. */
public enum LabelComparator {
  EQUAL,
  NOT_EQUAL,
  GREATER_THAN,
  GREATER_THAN_OR_EQUAL,
  LESS_THAN,
  LESS_THAN_OR_EQUAL
}
