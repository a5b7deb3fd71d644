package run.hatchet.definition;

import java.util.Objects;

/** A concurrency limit: at most {@code maxRuns} runs at once per value of a CEL key expression. */
public final class Concurrency {
  private final String expression;
  private final int maxRuns;
  private final ConcurrencyStrategy strategy;

  private Concurrency(String expression, int maxRuns, ConcurrencyStrategy strategy) {
    this.expression = Objects.requireNonNull(expression, "expression");
    this.maxRuns = maxRuns;
    this.strategy = Objects.requireNonNull(strategy, "strategy");
  }

  /**
   * @param expression CEL over {@code input} / {@code additional_metadata} producing the group key,
   *     e.g. {@code "input.user_id"}; use {@code "'constant'"} for one global group
   */
  public static Concurrency of(String expression, int maxRuns, ConcurrencyStrategy strategy) {
    return new Concurrency(expression, maxRuns, strategy);
  }

  /** A global limit of {@code maxRuns} with round-robin admission. */
  public static Concurrency limit(int maxRuns) {
    return new Concurrency("'constant'", maxRuns, ConcurrencyStrategy.GROUP_ROUND_ROBIN);
  }

  public String expression() {
    return expression;
  }

  public int maxRuns() {
    return maxRuns;
  }

  public ConcurrencyStrategy strategy() {
    return strategy;
  }
}
