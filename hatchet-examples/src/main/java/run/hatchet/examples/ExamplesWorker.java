package run.hatchet.examples;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
  public static Worker start(Hatchet hatchet, List<Example> examples) {
    List<Definition<?, ?>> definitions = new ArrayList<>();
    Map<String, Object> labels = new LinkedHashMap<>();
    for (Example e : examples) {
      definitions.addAll(e.definitions());
      labels.putAll(e.workerLabels());
    }
    return hatchet.worker(NAME)
        .slots(250)
        .labels(labels)
        .register(definitions.toArray(new Definition<?, ?>[0]))
        .start();
  }

  public static void main(String[] args) {
    Hatchet hatchet = Hatchet.fromEnv();
    List<Example> examples = Catalogue.create(hatchet, Arrays.asList(args));
    Worker worker = start(hatchet, examples);
    // on SIGTERM: drain the worker first, then release what the examples hold
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      worker.shutdown(Duration.ofSeconds(30));
      for (Example e : examples) {
        e.close();
      }
      hatchet.close();
    }, "examples-worker-shutdown"));
    List<String> names = new ArrayList<>();
    examples.forEach(e -> names.add(e.name()));
    System.out.println(READY + " (worker " + worker.id() + ", namespace '" + hatchet.config().namespace() + "', "
        + names.size() + " examples: " + String.join(" ", names) + ")");
    System.out.flush();
    // serve until the shutdown hook has drained the worker
    while (!worker.awaitTermination(Duration.ofHours(1))) {
      // keep serving
    }
  }
}
