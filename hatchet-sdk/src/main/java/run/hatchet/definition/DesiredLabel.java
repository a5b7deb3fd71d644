package run.hatchet.definition;

/** A worker label a task wants: a hard requirement, or a weighted preference. */
public final class DesiredLabel {
  private final String stringValue;
  private final Integer intValue;
  private final boolean required;
  private final int weight;
  private final LabelComparator comparator;

  private DesiredLabel(String s, Integer i, boolean required, int weight, LabelComparator comparator) {
    this.stringValue = s;
    this.intValue = i;
    this.required = required;
    this.weight = weight;
    this.comparator = comparator;
  }

  /** Only workers whose label equals {@code value}. */
  public static DesiredLabel required(String value) {
    return new DesiredLabel(value, null, true, 100, LabelComparator.EQUAL);
  }

  /** Only workers whose label equals {@code value}. */
  public static DesiredLabel required(int value) {
    return new DesiredLabel(null, value, true, 100, LabelComparator.EQUAL);
  }

  /** Prefer workers whose label equals {@code value}, adding {@code weight} to their score. */
  public static DesiredLabel preferred(String value, int weight) {
    return new DesiredLabel(value, null, false, weight, LabelComparator.EQUAL);
  }

  /** Prefer workers whose label equals {@code value}, adding {@code weight} to their score. */
  public static DesiredLabel preferred(int value, int weight) {
    return new DesiredLabel(null, value, false, weight, LabelComparator.EQUAL);
  }

  /** The same label with another comparator (e.g. GREATER_THAN for integer labels). */
  public DesiredLabel comparator(LabelComparator c) {
    return new DesiredLabel(stringValue, intValue, required, weight, c);
  }

  public String stringValue() {
    return stringValue;
  }

  public Integer intValue() {
    return intValue;
  }

  public boolean isRequired() {
    return required;
  }

  public int weight() {
    return weight;
  }

  public LabelComparator comparator() {
    return comparator;
  }
}
