package run.hatchet.internal.registration;

import java.time.Duration;

/** Durations in the engine's (Go) syntax. */
public final class Durations {
  private Durations() {}

  /** {@code 2h}, {@code 90m}, {@code 61s}, {@code 250ms}: the largest whole unit, like the official SDKs. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 1000 != 0) {
      return ms + "ms";
    }
    long s = ms / 1000;
    if (s != 0 && s % 3600 == 0) {
      return (s / 3600) + "h";
    }
    if (s != 0 && s % 60 == 0) {
      return (s / 60) + "m";
    }
    return s + "s";
  }
}
