package run.hatchet.examples;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import run.hatchet.Hatchet;
import run.hatchet.definition.Definition;
import run.hatchet.worker.Worker;

/**
 * One worker serving the whole catalogue (or the examples named on the command line), configured from
 * {@code HATCHET_CLIENT_*}. Runs in the foreground; SIGTERM or Ctrl-C drains it: running tasks get 30
 * seconds to finish, nothing new is taken.
 *
 * <pre>scripts/examples-worker            # every example
 * scripts/examples-worker simple dag   # only these</pre>
 */
public final class ExamplesWorker {
  /** The worker's name on the engine. */
  public static final String NAME = "hatchet-java-examples";
  /** Printed once the worker is registered and listening. */
  public static final String READY = "examples-worker: ready";

  private ExamplesWorker() {}

  /** Starts a worker for these examples on {@code hatchet}. */
  public static Worker start(Hatchet hatchet, List<Example> examples, Duration shutdownHookGrace) {
    List<Definition<?, ?>> definitions = new ArrayList<>();
    for (Example e : examples) {
      definitions.addAll(e.definitions());
    }
    var builder = hatchet.worker(NAME)
        .slots(250)
        .register(definitions.toArray(new Definition<?, ?>[0]));
    if (shutdownHookGrace != null) {
      builder.shutdownHook(shutdownHookGrace);
    }
    return builder.start();
  }

  public static void main(String[] args) {
    Hatchet hatchet = Hatchet.fromEnv();
    List<Example> examples = Catalogue.create(hatchet, Arrays.asList(args));
    Worker worker = start(hatchet, examples, Duration.ofSeconds(30));
    List<String> names = new ArrayList<>();
    examples.forEach(e -> names.add(e.name()));
    System.out.println(READY + " (worker " + worker.id() + ", namespace '" + hatchet.config().namespace() + "', "
        + names.size() + " examples: " + String.join(" ", names) + ")");
    System.out.flush();
    // the shutdown hook drains the worker on SIGTERM; until then, serve
    while (!worker.awaitTermination(Duration.ofHours(1))) {
      // keep serving
    }
  }
}
