package run.hatchet.examples;

import java.util.List;
import run.hatchet.definition.Definition;

/** One entry of the catalogue: the workflows and tasks it defines. */
public interface Example {

  /** The example's name: the upstream example directory it mirrors, e.g. {@code bulk_fanout}. */
  String name();

  /** Everything a worker must register to serve this example. */
  List<Definition<?, ?>> definitions();
}
