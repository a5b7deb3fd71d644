package run.hatchet.examples.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import run.hatchet.Hatchet;
import run.hatchet.definition.Definition;
import run.hatchet.definition.TaskRef;
import run.hatchet.definition.Workflow;
import run.hatchet.examples.Example;

/**
 * Runs started by events. {@code EventWorkflow} runs whenever an event with one of its keys is pushed
 * (a {@code *} in a key is a wildcard); the event's payload is the run's input.
 *
 * <p>Filters decide which events start runs: once a workflow has a filter, only events pushed with the
 * filter's scope whose CEL expression holds start a run, and the filter's payload reaches the task as
 * {@code ctx.filterPayload()}. Filters can be declared with the workflow (see
 * {@link #withDefaultFilter}) or managed at runtime through the engine's filter API.
 */
public final class EventsExample implements Example {

  public static final String EVENT_KEY = "user:create";
  public static final String SECONDARY_KEY = "foobarbaz";
  public static final String WILDCARD_KEY = "subscription:*";

  /** The event payload, bound as the run's input: {@code {"should_skip": false}}. */
  public record EventWorkflowInput(@JsonProperty("should_skip") boolean shouldSkip) {}

  public final Workflow<EventWorkflowInput> eventWorkflow;
  /** Returns the payload of the filter that let the event through (no output when there was none). */
  public final TaskRef<JsonNode> task;

  public EventsExample(Hatchet hatchet) {
    eventWorkflow = hatchet.workflow("EventWorkflow", EventWorkflowInput.class,
        w -> w.onEvents(EVENT_KEY, SECONDARY_KEY, WILDCARD_KEY));
    task = eventWorkflow.task("task", JsonNode.class, (input, ctx) -> {
      ctx.log("event received: " + ctx.triggeringEventKey().orElse("(none)"));
      return ctx.filterPayload().orElse(null);
    });
  }

  /**
   * The same workflow declared with a default filter: every event pushed with scope
   * {@code example-scope} passes ({@code "true"}) and carries the given payload to the task. Not served by
   * the examples worker, which serves {@link #eventWorkflow} under the same name.
   */
  public static Workflow<EventWorkflowInput> withDefaultFilter(Hatchet hatchet) {
    Workflow<EventWorkflowInput> wf = hatchet.workflow("EventWorkflow", EventWorkflowInput.class,
        w -> w.onEvents(EVENT_KEY, SECONDARY_KEY, WILDCARD_KEY)
            .defaultFilter("true", "example-scope",
                Map.of("main_character", "Anna", "supporting_character", "Stiva", "location", "Moscow")));
    wf.task("filtered_task", JsonNode.class, (input, ctx) -> {
      ctx.log("filter payload: " + ctx.filterPayload().map(JsonNode::toString).orElse("(none)"));
      return null;
    });
    return wf;
  }

  @Override
  public String name() {
    return "events";
  }

  @Override
  public List<Definition<?, ?>> definitions() {
    return List.of(eventWorkflow);
  }
}
