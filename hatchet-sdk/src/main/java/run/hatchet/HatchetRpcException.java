package run.hatchet;

/** A call to the engine failed. Carries the gRPC status code name or HTTP status and the engine's message. */
public class HatchetRpcException extends HatchetException {
  private static final long serialVersionUID = 1L;
  private final String code;

  public HatchetRpcException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** gRPC status code name (e.g. {@code UNAUTHENTICATED}) or {@code HTTP <status>} for REST calls. */
  public String code() {
    return code;
  }
}
