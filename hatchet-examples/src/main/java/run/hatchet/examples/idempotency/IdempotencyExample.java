package run.hatchet.examples.idempotency;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;
import run.hatchet.Hatchet;
import run.hatchet.definition.Definition;
import run.hatchet.definition.Task;
import run.hatchet.examples.Example;
import run.hatchet.worker.Context;

/**
 * Idempotency keys: a CEL expression over the run ({@code input.id} here) names the work; triggering the
 * same key again is refused with {@code IdempotencyCollisionException}, which carries the id of the run
 * that holds the key. The key is held for a fixed time (TTL), or only while its run is active (status
 * based, with a fallback TTL) so that the work can be redone once it has finished — also after it failed
 * or was cancelled, but not while it is being retried. Duplicate events are deduplicated the same way.
 */
public final class IdempotencyExample implements Example {
  public static final String EVENT_KEY = "idempotency:example";

  /** {@code {"id": "123", "desired_status": "success"}}; the status defaults to success. */
  public record IdempotencyInput(String id, @JsonProperty("desired_status") String desiredStatus) {
    public IdempotencyInput {
      desiredStatus = desiredStatus == null ? "success" : desiredStatus;
    }

    public IdempotencyInput(String id) {
      this(id, "success");
    }
  }

  /** {@code {"result": "Hello, world from task 123"}}. */
  public record Result(String result) {}

  public final Task<IdempotencyInput, Result> idempotentTask;
  public final Task<IdempotencyInput, Result> idempotentTaskShortWindow;
  public final Task<IdempotencyInput, Result> idempotentStatusBasedTask;
  public final Task<IdempotencyInput, Result> idempotentStatusBasedTaskWithRetries;

  public IdempotencyExample(Hatchet hatchet) {
    // the key is held for a minute after the first trigger
    idempotentTask = hatchet.task("idempotent_task", IdempotencyInput.class, Result.class,
        (input, ctx) -> new Result("Hello, world from task " + input.id()),
        null, w -> w.idempotency("input.id", Duration.ofMinutes(1)).onEvents(EVENT_KEY));

    idempotentTaskShortWindow = hatchet.task("idempotent_task_short_window", IdempotencyInput.class, Result.class,
        (input, ctx) -> new Result("Hello, world from task " + input.id()),
        null, w -> w.idempotency("input.id", Duration.ofSeconds(2)).onEvents(EVENT_KEY));

    // the key is held while the run is queued or running (at most 10 seconds)
    idempotentStatusBasedTask = hatchet.task("idempotent_status_based_task", IdempotencyInput.class, Result.class,
        (input, ctx) -> behave(input, ctx),
        null, w -> w.idempotencyWhileRunning("input.id", Duration.ofSeconds(10)));

    // held across retries too: the run is active until its last attempt ends
    idempotentStatusBasedTaskWithRetries = hatchet.task("idempotent_status_based_task_with_retries",
        IdempotencyInput.class, Result.class, (input, ctx) -> {
          if (input.desiredStatus().equals("fail")) {
            Thread.sleep(2_000);
            throw new IllegalStateException("Task " + input.id() + " failed as requested.");
          }
          if (ctx.retryCount() == 0) {
            Thread.sleep(2_000);
            throw new IllegalStateException("Task " + input.id() + " failed as requested (attempt 1).");
          }
          // a moment more on the retry than upstream's example takes, so that a client watching the run through
          // the engine's (slightly lagging) run list still sees the retry in progress
          Thread.sleep(1_000);
          return behave(input, ctx);
        }, o -> o.retries(3), w -> w.idempotencyWhileRunning("input.id", Duration.ofSeconds(30)));
  }

  /** Succeeds, fails or cancels itself, as the input asks, after a moment's work. */
  private static Result behave(IdempotencyInput input, Context ctx) throws InterruptedException {
    switch (input.desiredStatus()) {
      case "success":
        Thread.sleep(2_000);
        return new Result("Hello, world from task " + input.id());
      case "fail":
        Thread.sleep(2_000);
        throw new IllegalStateException("Task " + input.id() + " failed as requested.");
      case "cancel":
        Thread.sleep(2_000);
        ctx.cancelTask();
        for (int i = 0; i < 10; i++) {
          Thread.sleep(1_000);
        }
        break;
      default:
        break;
    }
    throw new IllegalStateException("Task " + input.id() + " should have been cancelled, but was not.");
  }

  @Override
  public String name() {
    return "idempotency";
  }

  @Override
  public List<Definition<?, ?>> definitions() {
    return List.of(idempotentTask, idempotentTaskShortWindow, idempotentStatusBasedTask, idempotentStatusBasedTaskWithRetries);
  }
}
