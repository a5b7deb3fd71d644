package run.hatchet.client;

import java.util.Collections;
import java.util.Map;
import run.hatchet.HatchetException;

/** A run finished without success. Lists each failed (or cancelled) task's error. */
public class RunFailedException extends HatchetException {
  private static final long serialVersionUID = 1L;
  private final String runId;
  private final transient Map<String, String> taskErrors;
  private final boolean cancelled;

  public RunFailedException(String runId, Map<String, String> taskErrors, boolean cancelled) {
    super(message(runId, taskErrors, cancelled));
    this.runId = runId;
    this.taskErrors = Collections.unmodifiableMap(taskErrors);
    this.cancelled = cancelled;
  }

  private static String message(String runId, Map<String, String> errors, boolean cancelled) {
    StringBuilder sb = new StringBuilder("run ").append(runId).append(cancelled ? " was cancelled" : " failed");
    errors.forEach((task, err) -> sb.append("\n  task ").append(task).append(": ").append(firstLine(err)));
    return sb.toString();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  public String runId() {
    return runId;
  }

  /** Task name to the error text the worker reported (full text, including any stack trace). */
  public Map<String, String> taskErrors() {
    return taskErrors;
  }

  /** True when the run was cancelled rather than failed. */
  public boolean isCancelled() {
    return cancelled;
  }
}
