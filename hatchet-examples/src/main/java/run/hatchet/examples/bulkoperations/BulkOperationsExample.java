package run.hatchet.examples.bulkoperations;

import java.util.List;
import run.hatchet.Hatchet;
import run.hatchet.definition.Definition;
import run.hatchet.definition.Task;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.Example;

/**
 * Bulk cancel and replay. Three tasks, {@code bulk_replay_test_1} to {@code _3}, fail on their first
 * attempt (and have no retries) and succeed on any later one, returning nothing. Their failed runs are
 * then replayed together through the runs client, either by id
 * ({@code hatchet.runs().replay(ids)}) or by a filter
 * ({@code hatchet.runs().replay(RunFilter.create().workflowIds(...).metadata(k, v))}); {@code cancel}
 * takes the same arguments.
 */
public final class BulkOperationsExample implements Example {

  public final Task<EmptyModel, Void> bulkReplayTest1;
  public final Task<EmptyModel, Void> bulkReplayTest2;
  public final Task<EmptyModel, Void> bulkReplayTest3;

  public BulkOperationsExample(Hatchet hatchet) {
    bulkReplayTest1 = failsOnce(hatchet, "bulk_replay_test_1");
    bulkReplayTest2 = failsOnce(hatchet, "bulk_replay_test_2");
    bulkReplayTest3 = failsOnce(hatchet, "bulk_replay_test_3");
  }

  private static Task<EmptyModel, Void> failsOnce(Hatchet hatchet, String name) {
    return hatchet.task(name, EmptyModel.class, Void.class, (input, ctx) -> {
      ctx.log("bulk replay test task, retry count " + ctx.retryCount());
      if (ctx.retryCount() == 0) {
        throw new IllegalStateException("This is a test error to trigger a retry.");
      }
      return null;
    });
  }

  @Override
  public String name() {
    return "bulk_operations";
  }

  @Override
  public List<Definition<?, ?>> definitions() {
    return List.of(bulkReplayTest1, bulkReplayTest2, bulkReplayTest3);
  }
}
