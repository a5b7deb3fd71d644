package run.hatchet.worker;

import run.hatchet.NonRetryableException;

/**
 * A durable task did not repeat the durable calls it made before (different order, kind or arguments),
 * so its recorded history cannot be replayed. Retrying would fail the same way.
 */
public class NonDeterminismException extends NonRetryableException {
  private static final long serialVersionUID = 1L;
  private final long nodeId;

  public NonDeterminismException(String message, long nodeId) {
    super(message);
    this.nodeId = nodeId;
  }

  /** The position (node id) in the task's durable history where the divergence was detected. */
  public long nodeId() {
    return nodeId;
  }
}
