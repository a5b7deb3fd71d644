package run.hatchet.client;

import java.util.List;
import java.util.Map;
import run.hatchet.HatchetException;

/**
 * Some runs of a bulk trigger were refused because runs with the same idempotency keys exist; the
 * others were created.
 */
public class BulkIdempotencyCollisionException extends HatchetException {
  private static final long serialVersionUID = 1L;
  private final transient List<String> createdRunIds;
  private final transient Map<String, String> existingByRequested;

  public BulkIdempotencyCollisionException(List<String> createdRunIds, Map<String, String> existingByRequested, Throwable cause) {
    super("idempotency key collision for " + existingByRequested.size() + " run(s) of the bulk trigger; "
        + createdRunIds.size() + " run(s) were created", cause);
    this.createdRunIds = List.copyOf(createdRunIds);
    this.existingByRequested = Map.copyOf(existingByRequested);
  }

  /** The runs that were created. */
  public List<String> createdRunIds() {
    return createdRunIds;
  }

  /** For each refused run: the id of the run that already holds its key. */
  public Map<String, String> existingRunIds() {
    return existingByRequested;
  }
}
