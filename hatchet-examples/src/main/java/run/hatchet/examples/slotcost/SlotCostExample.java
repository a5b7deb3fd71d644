package run.hatchet.examples.slotcost;

import java.util.List;
import run.hatchet.Hatchet;
import run.hatchet.definition.Definition;
import run.hatchet.definition.Task;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.Example;

/**
 * Slot cost: a heavy task can take several of a worker's slots, so fewer tasks share the worker while it
 * runs. {@code omega} takes five slots, {@code weenie} one.
 */
public final class SlotCostExample implements Example {

  public final Task<EmptyModel, Void> omega;
  public final Task<EmptyModel, Void> weenie;

  public SlotCostExample(Hatchet hatchet) {
    omega = hatchet.task("omega", EmptyModel.class, Void.class, (input, ctx) -> {
      ctx.log("heavy work");
      Thread.sleep(1_000);
      return null;
    }, o -> o.slotCost(5));

    weenie = hatchet.task("weenie", EmptyModel.class, Void.class, (input, ctx) -> {
      ctx.log("light work");
      Thread.sleep(200);
      return null;
    }, o -> o.slotCost(1));
  }

  @Override
  public String name() {
    return "slot_cost";
  }

  @Override
  public List<Definition<?, ?>> definitions() {
    return List.of(omega, weenie);
  }
}
