package run.hatchet.examples.durableevent;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import run.hatchet.Hatchet;
import run.hatchet.definition.Definition;
import run.hatchet.definition.Task;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.Example;

/**
 * Durable event waits. {@code DurableEventTask} waits, through the engine, for any event with the key
 * {@code user:update}; {@code DurableEventWithFilterTask} waits for one whose payload matches the CEL
 * expression {@code input.user_id == '1234'}. Both return nothing ({@code null}). While they wait they
 * hold no thread the engine depends on: a restarted or evicted task resumes waiting, and an event that
 * arrived meanwhile completes it.
 */
public final class DurableEventExample implements Example {

  /** The key both tasks wait for. */
  public static final String EVENT_KEY = "user:update";
  /** The filter of {@code DurableEventWithFilterTask}. */
  public static final String FILTER = "input.user_id == '1234'";

  public final Task<EmptyModel, Void> durableEventTask;
  public final Task<EmptyModel, Void> durableEventTaskWithFilter;

  public DurableEventExample(Hatchet hatchet) {
    durableEventTask = hatchet.durableTask("DurableEventTask", EmptyModel.class, Void.class, (input, ctx) -> {
      JsonNode event = ctx.waitForEvent(EVENT_KEY, JsonNode.class);
      ctx.log("got event " + event);
      return null;
    });

    durableEventTaskWithFilter = hatchet.durableTask("DurableEventWithFilterTask", EmptyModel.class, Void.class,
        (input, ctx) -> {
          JsonNode event = ctx.waitForEvent(EVENT_KEY, FILTER, JsonNode.class);
          ctx.log("got event " + event);
          return null;
        });
  }

  @Override
  public String name() {
    return "durable_event";
  }

  @Override
  public List<Definition<?, ?>> definitions() {
    return List.of(durableEventTask, durableEventTaskWithFilter);
  }
}
