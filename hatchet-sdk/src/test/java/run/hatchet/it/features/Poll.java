package run.hatchet.it.features;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;
import run.hatchet.it.Engine;

/** Polls the engine's (slightly lagging) read model until a condition holds. */
final class Poll {
  private Poll() {}

  /** Calls {@code read} every 250 ms until {@code done} holds; fails with the last value after {@code timeout}. */
  static <T> T until(String what, Duration timeout, Supplier<T> read, Predicate<T> done) {
    long end = System.nanoTime() + timeout.toNanos();
    T last = null;
    RuntimeException lastError = null;
    while (System.nanoTime() < end) {
      try {
        last = read.get();
        lastError = null;
        if (done.test(last)) {
          return last;
        }
      } catch (RuntimeException e) {
        lastError = e;
      }
      Engine.sleep(250);
    }
    AssertionError err = new AssertionError(what + " not reached within " + timeout + "; last value: " + last);
    if (lastError != null) {
      err.initCause(lastError);
    }
    throw err;
  }
}
