package run.hatchet.examples;

import java.util.List;
import java.util.Map;
import run.hatchet.definition.Definition;

/**
 * One entry of the catalogue: the workflows and tasks it defines, the labels a worker serving it needs,
 * and any resources it holds (closed after the worker has stopped).
 */
public interface Example extends AutoCloseable {

  /** The example's name: the upstream example directory it mirrors, e.g. {@code bulk_fanout}. */
  String name();

  /** Everything a worker must register to serve this example. */
  List<Definition<?, ?>> definitions();

  /** Labels a worker needs to be given this example's tasks (none by default). */
  default Map<String, Object> workerLabels() {
    return Map.of();
  }

  /** Releases what the example holds; called once its worker has stopped. */
  @Override
  default void close() {}
}
