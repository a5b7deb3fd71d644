package run.hatchet.worker;

/** A child run spawned durably by a durable task; its result is awaited durably too. */
public interface DurableChild<R> {
  /** The child's workflow run id. */
  String runId();

  /** Waits (durably) for the child to finish; throws {@code RunFailedException} if it failed. */
  R result();
}
