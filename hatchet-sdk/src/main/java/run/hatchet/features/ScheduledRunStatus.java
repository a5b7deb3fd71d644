package run.hatchet.features;

/** Status of the run a scheduled trigger created (or {@code SCHEDULED} while it has not fired). */
public enum ScheduledRunStatus {
  PENDING,
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED,
  QUEUED,
  SCHEDULED
}
