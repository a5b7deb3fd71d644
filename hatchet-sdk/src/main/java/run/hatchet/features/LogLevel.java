package run.hatchet.features;

/** Level of a task log line. */
public enum LogLevel {
  DEBUG,
  INFO,
  WARN,
  ERROR
}
