package run.hatchet.examples.lifespans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.client.RunRef;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.EngineSupport;
import run.hatchet.examples.ExamplesWorker;
import run.hatchet.examples.lifespans.LifespansExample.DrainInput;
import run.hatchet.examples.lifespans.LifespansExample.DrainResult;
import run.hatchet.examples.lifespans.LifespansExample.Lifespan;
import run.hatchet.worker.Worker;

class LifespansIT {
  static final Path MODULE = Path.of("").toAbsolutePath();
  static Hatchet hatchet;
  static Worker worker;
  static LifespansExample example;

  @BeforeAll
  static void start() {
    hatchet = EngineSupport.client(LifespansIT.class);
    example = new LifespansExample(hatchet);
    worker = hatchet.worker("test-worker").slots(1).register(example.lifespanTask).start();
  }

  @AfterAll
  static void stop() {
    EngineSupport.stop(worker, hatchet);
  }

  @Test
  void aTaskSeesTheWorkersSharedState() {
    assertThat(example.lifespanTask.run(new EmptyModel())).isEqualTo(new Lifespan("bar", 3.14));
  }

  /** SIGTERM to the examples worker: the running task finishes with the pool open, then the pool closes. */
  @Test
  void sigtermDrainsRunningTasksBeforeTheResourcesClose() throws Exception {
    Path log = MODULE.resolve("target/lifespans-worker.log");
    ProcessBuilder pb = new ProcessBuilder(MODULE.getParent().resolve("scripts/examples-worker").toString(),
        "--no-build", "lifespans").redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("HATCHET_CLIENT_NAMESPACE", hatchet.config().namespace());
    Process p = pb.start();
    try {
      long end = System.currentTimeMillis() + 120_000;
      while (!Files.readString(log).contains(ExamplesWorker.READY)) {
        if (!p.isAlive() || System.currentTimeMillis() > end) {
          fail("the example worker did not get ready: " + Files.readString(log));
        }
        Thread.sleep(200);
      }
      RunRef<DrainResult> ref = example.lifespanDrainTask.runNoWait(new DrainInput(6));
      EngineSupport.awaitRun(hatchet, ref.id(), d -> "RUNNING".equals(d.path("run").path("status").asText()), Duration.ofSeconds(30));
      Thread.sleep(1_000);
      p.destroy(); // SIGTERM

      assertThat(ref.result(Duration.ofSeconds(60))).isEqualTo(new DrainResult("ok", 6));
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as("exit code; log:\n%s", Files.readString(log)).isZero();
      assertThat(Files.readString(log)).contains("lifespans: pool closed");
    } finally {
      p.destroyForcibly();
    }
  }
}
