package run.hatchet.examples.simple;

import java.util.List;
import run.hatchet.Hatchet;
import run.hatchet.definition.Definition;
import run.hatchet.definition.Task;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.Example;

/**
 * The smallest unit of work: a standalone task named {@code simple} that answers
 * {@code {"result": "Hello, world!"}}.
 *
 * <p>Trigger it from Java with {@code example.simple.run(new EmptyModel())}, or from any other SDK by
 * its name, {@code simple}. (The upstream catalogue also has a durable twin, {@code simple_durable};
 * it arrives with durable tasks.)
 */
public final class SimpleExample implements Example {

  /** The task's output. */
  public record Result(String result) {}

  public final Task<EmptyModel, Result> simple;

  public SimpleExample(Hatchet hatchet) {
    simple = hatchet.task("simple", EmptyModel.class, Result.class,
        (input, ctx) -> new Result("Hello, world!"));
  }

  @Override
  public String name() {
    return "simple";
  }

  @Override
  public List<Definition<?, ?>> definitions() {
    return List.of(simple);
  }
}
