package run.hatchet.it;

import java.time.Duration;
import run.hatchet.Hatchet;
import run.hatchet.definition.Task;

/**
 * A worker process with the JVM shutdown hook enabled, for the SIGTERM test. Serves "slow-5s", which
 * prints when it starts and finishes. The namespace comes from HATCHET_CLIENT_NAMESPACE.
 */
public final class SlowWorkerMain {
  record In(int n) {}

  record Out(int n) {}

  private SlowWorkerMain() {}

  public static void main(String[] args) throws Exception {
    Hatchet hatchet = Hatchet.fromEnv();
    Task<In, Out> slow = hatchet.task("slow-5s", In.class, Out.class, (in, ctx) -> {
      System.out.println("TASK STARTED " + in.n());
      Thread.sleep(5_000);
      System.out.println("TASK FINISHED " + in.n());
      return new Out(in.n());
    });
    hatchet.worker("sigterm").slots(2).shutdownHook(Duration.ofSeconds(30)).register(slow).start();
    System.out.println("WORKER READY");
    Thread.currentThread().join();
  }
}
