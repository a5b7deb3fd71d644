package run.hatchet.definition;

import run.hatchet.worker.DurableContext;

/** The body of a durable task, whose context can sleep, wait for events, memoise and spawn durably. */
@FunctionalInterface
public interface DurableTaskFn<I, O> {
  O apply(I input, DurableContext ctx) throws Exception;
}
