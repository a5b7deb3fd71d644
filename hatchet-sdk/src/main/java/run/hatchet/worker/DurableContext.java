package run.hatchet.worker;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import run.hatchet.client.RunOptions;
import run.hatchet.definition.Condition;
import run.hatchet.definition.Definition;

/**
 * The context of a durable task. Its waits, child runs and memoised values are recorded by the engine:
 * when the task runs again (after a crash, an eviction or a replay) completed steps return at once from
 * the record instead of being redone. A durable task must therefore issue the same durable calls, with
 * the same arguments, in the same order on every run; a divergence raises
 * {@link NonDeterminismException}.
 */
public interface DurableContext extends Context {

  /** Which run of this task attempt this is: 1 the first time, higher after restarts and replays. */
  int invocationCount();

  /**
   * Sleeps durably for {@code duration} and returns it. On a replay after the sleep completed, returns at
   * once; after a restart part way, waits only for what is left of the original sleep.
   */
  Duration sleepFor(Duration duration);

  /**
   * Sleeps durably until {@code wakeAt} (measured from a replay-stable {@link #now()}); returns the duration
   * slept for (at least one millisecond when {@code wakeAt} has passed).
   */
  Duration sleepUntil(Instant wakeAt);

  /** Waits durably for an event with this key (namespaced like pushes) and returns its payload. */
  <T> T waitForEvent(String key, Class<T> payloadType);

  /** Waits for an event matching the CEL expression over {@code input}, {@code additional_metadata}. */
  <T> T waitForEvent(String key, String celExpression, Class<T> payloadType);

  /**
   * Waits for an event, also accepting one pushed with {@code scope} up to {@code lookback} before the
   * wait began.
   */
  <T> T waitForEvent(String key, String celExpression, String scope, Duration lookback, Class<T> payloadType);

  /**
   * Waits for conditions (sleeps and events; {@link Condition#or} for alternatives). Returns the
   * satisfied conditions' data keyed by condition key: {@code sleep:<duration>} or the event key.
   */
  JsonNode waitFor(Condition... conditions);

  /** Computes a value once per task run and returns the recorded value on every later run. */
  <T> T memo(String key, Class<T> type, Supplier<T> compute);

  /** The current time, recorded on first call so replays see the same instant. */
  Instant now();

  /** Spawns a child run durably (not re-spawned on replay) and waits for its result. */
  <I, R> R runChild(Definition<I, R> child, I input);

  /** Spawns a child run durably with options and waits for its result. */
  <I, R> R runChild(Definition<I, R> child, I input, RunOptions options);

  /** Spawns several children in one durable step and waits for all; results in input order. */
  <I, R> List<R> runChildren(Definition<I, R> child, List<I> inputs);

  /** Spawns a child durably and returns at once; {@link DurableChild#result()} waits for it. */
  <I, R> DurableChild<R> spawnChild(Definition<I, R> child, I input, RunOptions options);

  /** Spawns several children in one durable step and returns at once, in input order. */
  <I, R> List<DurableChild<R>> spawnChildren(Definition<I, R> child, List<I> inputs);
}
