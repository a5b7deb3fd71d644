package run.hatchet.client;

import run.hatchet.HatchetException;

/** A trigger was refused because a run with the same idempotency key exists. */
public class IdempotencyCollisionException extends HatchetException {
  private static final long serialVersionUID = 1L;
  private final String existingRunId;

  public IdempotencyCollisionException(String existingRunId, Throwable cause) {
    super("idempotency key collision: run " + existingRunId + " already holds the key", cause);
    this.existingRunId = existingRunId;
  }

  /** The id of the run that already holds the key. */
  public String existingRunId() {
    return existingRunId;
  }
}
