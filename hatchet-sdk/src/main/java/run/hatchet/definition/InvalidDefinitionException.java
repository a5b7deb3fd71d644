package run.hatchet.definition;

import run.hatchet.HatchetException;

/** A workflow or task definition is invalid; the message names the offending part. */
public class InvalidDefinitionException extends HatchetException {
  private static final long serialVersionUID = 1L;

  public InvalidDefinitionException(String message) {
    super(message);
  }
}
