package run.hatchet;

/** Thrown from a task to fail it permanently: the engine skips any remaining retries. */
public class NonRetryableException extends HatchetException {
  private static final long serialVersionUID = 1L;

  public NonRetryableException(String message) {
    super(message);
  }

  public NonRetryableException(String message, Throwable cause) {
    super(message, cause);
  }
}
