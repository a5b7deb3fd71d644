package run.hatchet.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.definition.Task;
import run.hatchet.examples.simple.SimpleExample;

/** {@code scripts/examples-worker}: serves the catalogue in the foreground and exits 0 on SIGTERM. */
class ExamplesWorkerScriptIT {
  static final Path MODULE = Path.of("").toAbsolutePath();
  static Hatchet hatchet;

  @BeforeAll
  static void start() {
    hatchet = EngineSupport.client(ExamplesWorkerScriptIT.class);
  }

  @AfterAll
  static void stop() {
    EngineSupport.stop(null, hatchet);
  }

  @Test
  void servesTheExamplesAndStopsCleanlyOnSigterm() throws Exception {
    Path log = MODULE.resolve("target/examples-worker-script.log");
    ProcessBuilder pb = new ProcessBuilder(MODULE.getParent().resolve("scripts/examples-worker").toString(), "--no-build")
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
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
      Task<EmptyModel, SimpleExample.Result> simple = new SimpleExample(hatchet).simple;
      assertThat(simple.run(new EmptyModel()).result()).isEqualTo("Hello, world!");
    } finally {
      p.destroy(); // SIGTERM
    }
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s").isTrue();
    assertThat(p.exitValue()).as("exit code; log:\n%s", Files.readString(log)).isZero();
    assertThat(Files.readString(log)).contains("stopped");
  }
}
