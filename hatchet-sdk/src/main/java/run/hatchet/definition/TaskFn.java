package run.hatchet.definition;

import run.hatchet.worker.Context;

/** The body of a task: typed input in, typed output out. Throw to fail the attempt. */
@FunctionalInterface
public interface TaskFn<I, O> {
  O apply(I input, Context ctx) throws Exception;
}
