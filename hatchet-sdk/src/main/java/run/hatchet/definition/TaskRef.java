package run.hatchet.definition;

import java.lang.reflect.Type;

/**
 * A task inside a workflow, carrying its output type so that {@code ctx.parentOutput(ref)} and
 * {@code result.output(ref)} are typed.
 */
public interface TaskRef<O> {
  /** The task's name (its readable id in the engine). */
  String name();

  /** The declared output type. */
  Type outputType();
}
