package run.hatchet.examples.durablesleep;

import java.time.Duration;
import java.util.List;
import run.hatchet.Hatchet;
import run.hatchet.definition.Definition;
import run.hatchet.definition.Task;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.Example;

/**
 * A durable sleep: the durable task {@code DurableSleepTask} sleeps five seconds through the engine and
 * returns nothing ({@code null}). Unlike {@code Thread.sleep}, the sleep is recorded by the engine: if
 * the worker dies or the task is evicted part way, the task resumes with only the remaining time left
 * to wait, and a replay of a finished run does not sleep again.
 */
public final class DurableSleepExample implements Example {

  /** How long the task sleeps. */
  public static final Duration SLEEP = Duration.ofSeconds(5);

  public final Task<EmptyModel, Void> durableSleepTask;

  public DurableSleepExample(Hatchet hatchet) {
    durableSleepTask = hatchet.durableTask("DurableSleepTask", EmptyModel.class, Void.class, (input, ctx) -> {
      Duration slept = ctx.sleepFor(SLEEP);
      ctx.log("slept " + slept);
      return null;
    });
  }

  @Override
  public String name() {
    return "durable_sleep";
  }

  @Override
  public List<Definition<?, ?>> definitions() {
    return List.of(durableSleepTask);
  }
}
