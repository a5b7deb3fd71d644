package run.hatchet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.client.RunOptions;

/** A worker process is killed with SIGKILL during a durable sleep; a new process finishes the run. */
class DurableCrashIT {
  static Hatchet hatchet;
  static String namespace;

  @BeforeAll
  static void connect() {
    Engine.require();
    namespace = Engine.namespace(DurableCrashIT.class);
    hatchet = Hatchet.builder().config(run.hatchet.config.ClientConfig.builder().namespace(namespace).build()).build();
  }

  @AfterAll
  static void close() {
    if (hatchet != null) {
      hatchet.close();
    }
  }

  static Process startWorker(Path marker) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), DurableWorkerMain.class.getName(), marker.toString());
    pb.environment().put("HATCHET_CLIENT_NAMESPACE", namespace);
    pb.redirectErrorStream(true);
    Process p = pb.start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    long end = System.currentTimeMillis() + 60_000;
    String line;
    while (System.currentTimeMillis() < end && (line = out.readLine()) != null) {
      if (line.contains("WORKER READY")) {
        Thread drain = new Thread(() -> {
          try {
            while (out.readLine() != null) {
              // keep the pipe empty
            }
          } catch (java.io.IOException ignored) {
            // process gone
          }
        });
        drain.setDaemon(true);
        drain.start();
        return p;
      }
    }
    p.destroyForcibly();
    throw new AssertionError("worker process did not start");
  }

  @Test
  void aNewWorkerFinishesTheRunWithoutRedoingCompletedSteps() throws Exception {
    Path marker = Files.createTempFile("hatchet-durable-crash", ".txt");
    Process first = startWorker(marker);
    Process second = null;
    try {
      String runId = hatchet.core().trigger("crash-safe", "{\"id\":\"c1\"}", RunOptions.create());
      long end = System.currentTimeMillis() + 60_000;
      while (!Files.readString(marker).contains("sleeping") && System.currentTimeMillis() < end) {
        Thread.sleep(100);
      }
      assertThat(Files.readString(marker)).contains("sleeping");
      first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      second = startWorker(marker);
      JsonNode done = Engine.awaitRun(hatchet, runId, d -> "COMPLETED".equals(d.path("run").path("status").asText()),
          Duration.ofSeconds(150));
      JsonNode out = done.path("tasks").get(0).path("output");
      assertThat(out.path("step").asText()).isEqualTo("step-1-done");
      assertThat(out.path("invocation").asInt()).isGreaterThan(1);
      List<String> lines = Files.readAllLines(marker);
      assertThat(lines.stream().filter("computed"::equals).count()).as("memoised step executions").isEqualTo(1);
    } finally {
      first.destroyForcibly();
      if (second != null) {
        second.destroy();
        second.waitFor(30, TimeUnit.SECONDS);
        second.destroyForcibly();
      }
      Files.deleteIfExists(marker);
    }
  }
}
