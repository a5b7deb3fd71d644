package run.hatchet.features;

/** Status of a run or task run as the engine reports it. */
public enum RunStatus {
  QUEUED,
  RUNNING,
  COMPLETED,
  CANCELLED,
  FAILED;

  /** True for COMPLETED, CANCELLED and FAILED. */
  public boolean isFinal() {
    return this == COMPLETED || this == CANCELLED || this == FAILED;
  }

  /** The status named by the engine, or {@code null} for an unknown or missing value. */
  public static RunStatus parse(String value) {
    return Json.enumValue(RunStatus.class, value);
  }
}
