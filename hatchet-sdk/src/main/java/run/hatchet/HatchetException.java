package run.hatchet;

/** Root of every exception the SDK throws. Unchecked; never carries the API token. */
public class HatchetException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public HatchetException(String message) {
    super(message);
  }

  public HatchetException(String message, Throwable cause) {
    super(message, cause);
  }
}
