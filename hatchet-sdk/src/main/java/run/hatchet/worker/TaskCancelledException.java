package run.hatchet.worker;

import run.hatchet.HatchetException;

/** The running attempt was cancelled; thrown by {@link Context#throwIfCancelled()}. */
public class TaskCancelledException extends HatchetException {
  private static final long serialVersionUID = 1L;

  public TaskCancelledException(String message) {
    super(message);
  }
}
