package run.hatchet.loadtest;

import java.util.Arrays;

/** Latency samples in nanoseconds; thread-safe; percentiles by nearest rank. */
final class Samples {
  private long[] values = new long[1024];
  private int size;

  synchronized void add(long nanos) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = nanos;
  }

  synchronized int count() {
    return size;
  }

  /** An immutable view for reporting. */
  synchronized Summary summary() {
    long[] sorted = Arrays.copyOf(values, size);
    Arrays.sort(sorted);
    return new Summary(sorted);
  }

  static final class Summary {
    private final long[] sorted;

    Summary(long[] sorted) {
      this.sorted = sorted;
    }

    int count() {
      return sorted.length;
    }

    double avgMillis() {
      if (sorted.length == 0) {
        return Double.NaN;
      }
      double sum = 0;
      for (long v : sorted) {
        sum += v;
      }
      return sum / sorted.length / 1e6;
    }

    /** The p-th percentile (0 &lt; p &le; 100) in milliseconds, nearest rank. */
    double percentileMillis(double p) {
      if (sorted.length == 0) {
        return Double.NaN;
      }
      int rank = (int) Math.ceil(p / 100.0 * sorted.length);
      return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    double maxMillis() {
      return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6;
    }
  }
}
