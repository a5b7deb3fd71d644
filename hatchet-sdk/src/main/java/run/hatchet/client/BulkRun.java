package run.hatchet.client;

import java.util.Objects;

/** One item of a bulk trigger: an input with its own options. */
public final class BulkRun<I> {
  private final I input;
  private final RunOptions options;

  private BulkRun(I input, RunOptions options) {
    this.input = input;
    this.options = Objects.requireNonNull(options, "options");
  }

  public static <I> BulkRun<I> of(I input) {
    return new BulkRun<>(input, RunOptions.create());
  }

  public static <I> BulkRun<I> of(I input, RunOptions options) {
    return new BulkRun<>(input, options);
  }

  public I input() {
    return input;
  }

  public RunOptions options() {
    return options;
  }
}
