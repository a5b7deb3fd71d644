package run.hatchet.features;

/** Status of a worker. */
public enum WorkerStatus {
  ACTIVE,
  INACTIVE,
  PAUSED
}
