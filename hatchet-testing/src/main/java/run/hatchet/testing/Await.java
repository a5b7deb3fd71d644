package run.hatchet.testing;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Polling for tests against an engine, whose read model (run details, run lists, logs) lags the work a
 * little: read again until the value is as expected or the time is up.
 */
public final class Await {
  /** The pause between two reads. */
  public static final Duration POLL_INTERVAL = Duration.ofMillis(250);

  private Await() {}

  /**
   * Reads until {@code done} holds for the value read and returns that value. A read that throws counts
   * as not done yet.
   *
   * @throws AssertionError when {@code done} did not hold within {@code timeout}; it shows the last value
   *     read and has the last read's exception, if any, as its cause
   */
  public static <T> T until(Supplier<T> read, Predicate<? super T> done, Duration timeout) {
    Objects.requireNonNull(read, "read");
    Objects.requireNonNull(done, "done");
    long end = System.nanoTime() + timeout.toNanos();
    T last = null;
    RuntimeException error = null;
    while (true) {
      try {
        last = read.get();
        error = null;
        if (done.test(last)) {
          return last;
        }
      } catch (RuntimeException e) {
        error = e;
      }
      if (System.nanoTime() - end >= 0) {
        break;
      }
      sleep();
    }
    AssertionError failure = new AssertionError("not reached within " + timeout + "; last value: " + last);
    if (error != null) {
      failure.initCause(error);
    }
    throw failure;
  }

  /** Checks until {@code condition} is true. */
  public static void until(BooleanSupplier condition, Duration timeout) {
    until(condition::getAsBoolean, Boolean::booleanValue, timeout);
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL_INTERVAL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting", e);
    }
  }
}
