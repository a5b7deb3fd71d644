package run.hatchet.client;

/** One entry of a bulk run that returns exceptions instead of throwing: a value or an error. */
public final class RunOutcome<R> {
  private final R value;
  private final RuntimeException error;

  private RunOutcome(R value, RuntimeException error) {
    this.value = value;
    this.error = error;
  }

  public static <R> RunOutcome<R> success(R value) {
    return new RunOutcome<>(value, null);
  }

  public static <R> RunOutcome<R> failure(RuntimeException error) {
    return new RunOutcome<>(null, error);
  }

  public boolean isSuccess() {
    return error == null;
  }

  /** The value; throws the error if the run failed. */
  public R value() {
    if (error != null) {
      throw error;
    }
    return value;
  }

  /** The error, or null on success. */
  public RuntimeException error() {
    return error;
  }
}
