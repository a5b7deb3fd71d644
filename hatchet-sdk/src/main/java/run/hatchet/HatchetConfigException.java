package run.hatchet;

/** The client configuration is missing or malformed (names the setting, never a secret's value). */
public class HatchetConfigException extends HatchetException {
  private static final long serialVersionUID = 1L;

  public HatchetConfigException(String message) {
    super(message);
  }

  public HatchetConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
