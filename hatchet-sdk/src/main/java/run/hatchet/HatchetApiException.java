package run.hatchet;

/**
 * A REST call to the engine failed with an HTTP error status. Carries the status and the engine's own
 * message; {@link #code()} is {@code HTTP <status>}. Never contains the API token.
 */
public class HatchetApiException extends HatchetRpcException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String engineMessage;

  /**
   * @param status the HTTP status, e.g. 404
   * @param request what was called, e.g. {@code GET /api/v1/workflows/<id>}
   * @param engineMessage the engine's error text (may be empty)
   */
  public HatchetApiException(int status, String request, String engineMessage) {
    super("HTTP " + status, request + " failed: HTTP " + status
        + (engineMessage == null || engineMessage.isEmpty() ? "" : ": " + engineMessage), null);
    this.status = status;
    this.engineMessage = engineMessage == null ? "" : engineMessage;
  }

  /** The HTTP status, e.g. 400, 403, 404, 429, 500. */
  public int status() {
    return status;
  }

  /** The engine's error text, without the request description. */
  public String engineMessage() {
    return engineMessage;
  }

  /** True for 404 Not Found. */
  public boolean isNotFound() {
    return status == 404;
  }
}
