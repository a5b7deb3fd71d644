package run.hatchet.examples.conditions;

import static run.hatchet.definition.Condition.or;
import static run.hatchet.definition.Condition.parentOutput;
import static run.hatchet.definition.Condition.sleep;
import static run.hatchet.definition.Condition.userEvent;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import run.hatchet.Hatchet;
import run.hatchet.definition.Definition;
import run.hatchet.definition.TaskRef;
import run.hatchet.definition.Workflow;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.Example;
import run.hatchet.worker.Context;

/**
 * Conditions on DAG tasks, evaluated once a task's parents are done: {@code waitFor} holds a task back
 * until a sleep has passed or an event arrived, {@code skipIf} skips it (its output becomes
 * {@code {"skipped": true}}), {@code cancelIf} cancels it. Conditions given separately must all hold;
 * {@code or(...)} makes any one of a group enough.
 */
public final class ConditionsExample implements Example {

  /** {@code {"random_number": 42}}. */
  public record StepOutput(@JsonProperty("random_number") int randomNumber) {}

  /** {@code {"sum": 123}}. */
  public record RandomSum(int sum) {}

  // TaskConditionWorkflow: every kind of condition in one DAG
  public final Workflow<EmptyModel> taskConditionWorkflow;
  public final TaskRef<StepOutput> start;
  public final TaskRef<StepOutput> waitForSleep;
  public final TaskRef<StepOutput> skipWithMultipleParents;
  public final TaskRef<StepOutput> skipOnEvent;
  public final TaskRef<StepOutput> leftBranch;
  public final TaskRef<StepOutput> rightBranch;
  public final TaskRef<StepOutput> waitForEvent;
  public final TaskRef<StepOutput> waitForOrGroups;
  public final TaskRef<RandomSum> sum;

  // small workflows, one condition each
  public final Workflow<EmptyModel> cancelIfWorkflow;
  public final TaskRef<StepOutput> startCancelIf;
  public final TaskRef<StepOutput> cancelIf;
  public final TaskRef<StepOutput> downstreamSkip;
  public final Workflow<EmptyModel> skipIfSleepWorkflow;
  public final TaskRef<StepOutput> sisTarget;
  public final Workflow<EmptyModel> skipIfOrWorkflow;
  public final TaskRef<StepOutput> sioTarget;
  public final Workflow<EmptyModel> cancelIfEventWorkflow;
  public final Workflow<EmptyModel> cancelIfSleepWorkflow;
  public final Workflow<EmptyModel> cancelIfOrWorkflow;
  public final Workflow<EmptyModel> waitForEventOnlyWorkflow;
  public final TaskRef<StepOutput> wfeTarget;

  public ConditionsExample(Hatchet hatchet) {
    taskConditionWorkflow = hatchet.workflow("TaskConditionWorkflow", EmptyModel.class);

    start = taskConditionWorkflow.task("start", StepOutput.class, (input, ctx) -> random());

    // runs 10 seconds after start completed
    waitForSleep = taskConditionWorkflow.task("wait_for_sleep", StepOutput.class, (input, ctx) -> random(),
        o -> o.parents(start).waitFor(sleep(Duration.ofSeconds(10))));

    // skipped: start's number is always positive
    skipWithMultipleParents = taskConditionWorkflow.task("skip_with_multiple_parents", StepOutput.class,
        (input, ctx) -> random(),
        o -> o.parents(start, waitForSleep).skipIf(parentOutput(start, "output.random_number > 0")));

    // waits 30 seconds, unless the event skip_on_event:skip skips it first
    skipOnEvent = taskConditionWorkflow.task("skip_on_event", StepOutput.class, (input, ctx) -> random(),
        o -> o.parents(start).waitFor(sleep(Duration.ofSeconds(30))).skipIf(userEvent("skip_on_event:skip")));

    // branching: exactly one of the two runs, depending on wait_for_sleep's number
    leftBranch = taskConditionWorkflow.task("left_branch", StepOutput.class, (input, ctx) -> random(),
        o -> o.parents(waitForSleep).skipIf(parentOutput(waitForSleep, "output.random_number > 50")));
    rightBranch = taskConditionWorkflow.task("right_branch", StepOutput.class, (input, ctx) -> random(),
        o -> o.parents(waitForSleep).skipIf(parentOutput(waitForSleep, "output.random_number <= 50")));

    // whichever comes first: a minute passes, or the event wait_for_event:start arrives
    waitForEvent = taskConditionWorkflow.task("wait_for_event", StepOutput.class, (input, ctx) -> random(),
        o -> o.parents(start).waitFor(or(sleep(Duration.ofMinutes(1)), userEvent("wait_for_event:start"))));

    // two groups that must both hold: 30 seconds, and (30 seconds or the event payment:processed)
    waitForOrGroups = taskConditionWorkflow.task("wait_for_or_groups", StepOutput.class, (input, ctx) -> random(),
        o -> o.parents(start).waitFor(
            or(sleep(Duration.ofSeconds(30))),
            or(sleep(Duration.ofSeconds(30)), userEvent("payment:processed"))));

    sum = taskConditionWorkflow.task("sum", RandomSum.class, (input, ctx) -> new RandomSum(
        ctx.parentOutput(start).randomNumber()
            + ctx.parentOutput(waitForEvent).randomNumber()
            + ctx.parentOutput(waitForSleep).randomNumber()
            + numberUnlessSkipped(ctx, skipOnEvent)
            + numberUnlessSkipped(ctx, leftBranch)
            + numberUnlessSkipped(ctx, rightBranch)),
        o -> o.parents(start, waitForSleep, waitForEvent, skipOnEvent, leftBranch, rightBranch));

    cancelIfWorkflow = hatchet.workflow("CancelIfWorkflow", EmptyModel.class);
    startCancelIf = cancelIfWorkflow.task("start_cancel_if", StepOutput.class, (input, ctx) -> new StepOutput(2));
    cancelIf = cancelIfWorkflow.task("cancel_if", StepOutput.class, (input, ctx) -> new StepOutput(3),
        o -> o.parents(startCancelIf).cancelIf(parentOutput(startCancelIf, "output.random_number > 1")));
    downstreamSkip = cancelIfWorkflow.task("downstream_skip", StepOutput.class, (input, ctx) -> new StepOutput(3),
        o -> o.parents(cancelIf));

    // skipped when 12 seconds pass before the event skip_if_sleep:proceed arrives
    skipIfSleepWorkflow = hatchet.workflow("SkipIfSleepWorkflow", EmptyModel.class);
    TaskRef<StepOutput> sisStart = skipIfSleepWorkflow.task("sis_start", StepOutput.class, (input, ctx) -> new StepOutput(1));
    sisTarget = skipIfSleepWorkflow.task("sis_target", StepOutput.class, (input, ctx) -> new StepOutput(2),
        o -> o.parents(sisStart).waitFor(userEvent("skip_if_sleep:proceed")).skipIf(sleep(Duration.ofSeconds(12))));

    skipIfOrWorkflow = hatchet.workflow("SkipIfOrGroupWorkflow", EmptyModel.class);
    TaskRef<StepOutput> sioStart = skipIfOrWorkflow.task("sio_start", StepOutput.class, (input, ctx) -> random());
    sioTarget = skipIfOrWorkflow.task("sio_target", StepOutput.class, (input, ctx) -> new StepOutput(2),
        o -> o.parents(sioStart).skipIf(or(
            parentOutput(sioStart, "output.random_number >= 1"),
            parentOutput(sioStart, "output.random_number > 1000"))));

    cancelIfEventWorkflow = hatchet.workflow("CancelIfEventWorkflow", EmptyModel.class);
    TaskRef<StepOutput> cieStart = cancelIfEventWorkflow.task("cie_start", StepOutput.class, (input, ctx) -> new StepOutput(1));
    TaskRef<StepOutput> cieTarget = cancelIfEventWorkflow.task("cie_target", StepOutput.class,
        (input, ctx) -> new StepOutput(2),
        o -> o.parents(cieStart).waitFor(sleep(Duration.ofSeconds(30))).cancelIf(userEvent("cancel_if_event:abort")));
    cancelIfEventWorkflow.task("cie_downstream", StepOutput.class, (input, ctx) -> new StepOutput(3), o -> o.parents(cieTarget));

    cancelIfSleepWorkflow = hatchet.workflow("CancelIfSleepWorkflow", EmptyModel.class);
    TaskRef<StepOutput> cisStart = cancelIfSleepWorkflow.task("cis_start", StepOutput.class, (input, ctx) -> new StepOutput(1));
    TaskRef<StepOutput> cisTarget = cancelIfSleepWorkflow.task("cis_target", StepOutput.class,
        (input, ctx) -> new StepOutput(2),
        o -> o.parents(cisStart).waitFor(userEvent("cancel_if_sleep:proceed")).cancelIf(sleep(Duration.ofSeconds(8))));
    cancelIfSleepWorkflow.task("cis_downstream", StepOutput.class, (input, ctx) -> new StepOutput(3), o -> o.parents(cisTarget));

    cancelIfOrWorkflow = hatchet.workflow("CancelIfOrGroupWorkflow", EmptyModel.class);
    TaskRef<StepOutput> cioStart = cancelIfOrWorkflow.task("cio_start", StepOutput.class, (input, ctx) -> new StepOutput(1));
    TaskRef<StepOutput> cioTarget = cancelIfOrWorkflow.task("cio_target", StepOutput.class,
        (input, ctx) -> new StepOutput(2),
        o -> o.parents(cioStart).waitFor(userEvent("cancel_if_or:proceed"))
            .cancelIf(or(userEvent("cancel_if_or:abort"), sleep(Duration.ofSeconds(8)))));
    cancelIfOrWorkflow.task("cio_downstream", StepOutput.class, (input, ctx) -> new StepOutput(3), o -> o.parents(cioTarget));

    waitForEventOnlyWorkflow = hatchet.workflow("WaitForEventOnlyWorkflow", EmptyModel.class);
    TaskRef<StepOutput> wfeStart = waitForEventOnlyWorkflow.task("wfe_start", StepOutput.class, (input, ctx) -> new StepOutput(1));
    wfeTarget = waitForEventOnlyWorkflow.task("wfe_target", StepOutput.class, (input, ctx) -> new StepOutput(5),
        o -> o.parents(wfeStart).waitFor(userEvent("wait_for_event_only:go")));
  }

  private static StepOutput random() {
    return new StepOutput(ThreadLocalRandom.current().nextInt(1, 101));
  }

  private static int numberUnlessSkipped(Context ctx, TaskRef<StepOutput> parent) {
    return ctx.wasSkipped(parent) ? 0 : ctx.parentOutput(parent).randomNumber();
  }

  @Override
  public String name() {
    return "conditions";
  }

  @Override
  public List<Definition<?, ?>> definitions() {
    return List.of(taskConditionWorkflow, cancelIfWorkflow, skipIfSleepWorkflow, skipIfOrWorkflow,
        cancelIfEventWorkflow, cancelIfSleepWorkflow, cancelIfOrWorkflow, waitForEventOnlyWorkflow);
  }
}
