package run.hatchet.examples.cron;

import java.util.List;
import run.hatchet.Hatchet;
import run.hatchet.definition.Definition;
import run.hatchet.definition.Task;
import run.hatchet.definition.TaskRef;
import run.hatchet.definition.Workflow;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.Example;

/**
 * Cron triggers declared with the workflow: the engine starts a run at every match of the expression
 * (UTC; 5 fields, or 6 with leading seconds). Runs started by a cron get the workflow's cron input.
 *
 * <p>{@code CronWorkflow} fires every minute, so the examples worker does not serve it (its runs would
 * keep queueing after the worker stopped); {@code cron_input_example_send_greeting} fires only at
 * midnight on Sundays in January.
 */
public final class CronExample implements Example {

  /** {@code {"name": "Hatchet"}}. */
  public record CronInput(String name) {}

  /** {@code {"message": "Hello, Hatchet!"}}. */
  public record Greeting(String message) {}

  /** {@code {"time": "step1"}}. */
  public record Step1Output(String time) {}

  public final Workflow<EmptyModel> cronWorkflow;
  public final TaskRef<Step1Output> step1;
  public final Task<CronInput, Greeting> cronInputExampleSendGreeting;

  public CronExample(Hatchet hatchet) {
    cronWorkflow = hatchet.workflow("CronWorkflow", EmptyModel.class, w -> w.onCrons("* * * * *"));
    step1 = cronWorkflow.task("step1", Step1Output.class, (input, ctx) -> new Step1Output("step1"));

    cronInputExampleSendGreeting = hatchet.task("cron_input_example_send_greeting", CronInput.class, Greeting.class,
        (input, ctx) -> new Greeting("Hello, " + input.name() + "!"),
        null, w -> w.onCrons("0 0 * 1 0").cronInput(new CronInput("Hatchet")));
  }

  @Override
  public String name() {
    return "cron";
  }

  /** Only the rare cron: see the class comment. */
  @Override
  public List<Definition<?, ?>> definitions() {
    return List.of(cronInputExampleSendGreeting);
  }
}
