package run.hatchet.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.client.RunOptions;
import run.hatchet.config.ClientConfig;

/** SIGTERM to a worker process with the shutdown hook: the running task finishes, the process exits. */
class ShutdownHookIT {
  @Test
  void sigtermDrainsTheWorker() throws Exception {
    Engine.require();
    String namespace = Engine.namespace(ShutdownHookIT.class);
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), SlowWorkerMain.class.getName());
    pb.environment().put("HATCHET_CLIENT_NAMESPACE", namespace);
    pb.redirectErrorStream(true);
    Process p = pb.start();
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String l;
        while ((l = r.readLine()) != null) {
          lines.add(l);
        }
      } catch (java.io.IOException ignored) {
        // process ended
      }
    });
    reader.setDaemon(true);
    reader.start();
    try (Hatchet hatchet = Hatchet.builder().config(ClientConfig.builder().namespace(namespace).build()).build()) {
      long end = System.currentTimeMillis() + 60_000;
      while (lines.stream().noneMatch(l -> l.contains("WORKER READY")) && System.currentTimeMillis() < end) {
        Thread.sleep(100);
      }
      String runId = hatchet.core().trigger("slow-5s", "{\"n\":1}", RunOptions.create());
      while (lines.stream().noneMatch(l -> l.contains("TASK STARTED 1")) && System.currentTimeMillis() < end) {
        Thread.sleep(100);
      }
      assertThat(lines).anyMatch(l -> l.contains("TASK STARTED 1"));
      new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).inheritIO().start().waitFor();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("worker process exits").isTrue();
      reader.join(10_000); // everything the process printed has been read
      System.out.println("worker exit code " + p.exitValue() + "; output:\n" + String.join("\n", lines));
      assertThat(lines).anyMatch(l -> l.contains("TASK FINISHED 1"));
      Engine.awaitStatus(hatchet, runId, "COMPLETED");
      assertThat(lines.stream().filter(l -> l.contains("TASK STARTED")).count()).isEqualTo(1);
      assertThat(hatchet.core().runListener().pendingRuns()).isEmpty();
      Engine.awaitRun(hatchet, runId, d -> d.path("tasks").get(0).path("output").path("n").asInt() == 1, Duration.ofSeconds(30));
    } finally {
      p.destroyForcibly();
    }
  }
}
