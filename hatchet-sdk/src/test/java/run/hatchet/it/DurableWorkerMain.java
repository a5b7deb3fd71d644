package run.hatchet.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import run.hatchet.Hatchet;
import run.hatchet.definition.Task;

/**
 * A worker in a process of its own, for the test that kills a worker with SIGKILL. Serves the durable
 * task "crash-safe": a memoised step that appends to a marker file, then a durable sleep.
 * Arguments: the marker file. The namespace comes from HATCHET_CLIENT_NAMESPACE.
 */
public final class DurableWorkerMain {
  record Key(String id) {}

  record Out(String step, int invocation) {}

  private DurableWorkerMain() {}

  public static void main(String[] args) throws Exception {
    Path marker = Path.of(args[0]);
    Hatchet hatchet = Hatchet.fromEnv();
    Task<Key, Out> task = hatchet.durableTask("crash-safe", Key.class, Out.class, (in, ctx) -> {
      String step = ctx.memo("step-1", String.class, () -> {
        try {
          Files.writeString(marker, "computed\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
        return "step-1-done";
      });
      Files.writeString(marker, "sleeping\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      ctx.sleepFor(Duration.ofSeconds(8));
      return new Out(step, ctx.invocationCount());
    }, o -> o.executionTimeout(Duration.ofMinutes(3)));
    hatchet.worker("crash-safe").durableSlots(5).register(task).start();
    System.out.println("WORKER READY");
    Thread.currentThread().join();
  }
}
