package run.hatchet.serde;

import run.hatchet.HatchetException;

/** A value could not be written as JSON, or JSON could not be bound to the requested type. */
public class SerializationException extends HatchetException {
  private static final long serialVersionUID = 1L;

  public SerializationException(String message, Throwable cause) {
    super(message, cause);
  }
}
