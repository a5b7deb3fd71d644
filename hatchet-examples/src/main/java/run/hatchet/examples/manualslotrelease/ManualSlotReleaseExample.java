package run.hatchet.examples.manualslotrelease;

import java.time.Duration;
import java.util.List;
import run.hatchet.Hatchet;
import run.hatchet.definition.Definition;
import run.hatchet.definition.TaskRef;
import run.hatchet.definition.Workflow;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.Example;

/**
 * Giving a slot back before the task ends: {@code SlotReleaseWorkflow}'s task {@code step1} does its
 * resource-heavy part (ten seconds of work), then calls {@code ctx.releaseSlot()} so that the worker's
 * slot can go to other work while the rest of the task (light work) finishes, and returns
 * {@code {"status": "success"}}. The engine records the release as the task event {@code SLOT_RELEASED}, and
 * the worker's own slot accounting counts the task no more.
 *
 * <p>Engine v0.104.7 still treats the released slot as used until the task ends: its release statement
 * clears the task's worker before it looks for the slot to free, finds nothing left to lock, and leaves
 * the slot's record in place (upstream's current source has the same statement). So on that engine a
 * one-slot worker does not start other work before {@code step1} returns.
 */
public final class ManualSlotReleaseExample implements Example {

  /** How long the heavy part takes. */
  public static final Duration HEAVY_WORK = Duration.ofSeconds(10);

  /** The task's output. */
  public record Status(String status) {}

  public final Workflow<EmptyModel> slotReleaseWorkflow;
  public final TaskRef<Status> step1;

  public ManualSlotReleaseExample(Hatchet hatchet) {
    slotReleaseWorkflow = hatchet.workflow("SlotReleaseWorkflow", EmptyModel.class);
    step1 = slotReleaseWorkflow.task("step1", Status.class, (input, ctx) -> {
      ctx.log("resource-intensive part");
      Thread.sleep(HEAVY_WORK.toMillis());
      ctx.releaseSlot();
      ctx.log("light part, without a slot");
      return new Status("success");
    });
  }

  @Override
  public String name() {
    return "manual_slot_release";
  }

  @Override
  public List<Definition<?, ?>> definitions() {
    return List.of(slotReleaseWorkflow);
  }
}
