package run.hatchet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.client.RunOptions;
import run.hatchet.definition.Task;
import run.hatchet.worker.Worker;

/** Task context operations that talk to the engine: logs, labels, metadata. */
class ContextIT {
  record Num(int n) {}

  record Out(String taskRunId, Map<String, Object> metadata) {}

  static Hatchet hatchet;
  static Worker worker;
  static Task<Num, Out> logs;
  static Task<Num, Num> labeller;

  @BeforeAll
  static void start() {
    hatchet = Engine.client(ContextIT.class);
    logs = hatchet.task("logs", Num.class, Out.class, (in, ctx) -> {
      for (int i = 1; i <= 3; i++) {
        ctx.log("line " + i);
      }
      ctx.log("WARN", "careful");
      return new Out(ctx.taskRunId(), ctx.additionalMetadata());
    });
    labeller = hatchet.task("labeller", Num.class, Num.class, (in, ctx) -> {
      ctx.upsertWorkerLabels(Map.of("color", "blue"));
      return new Num(ctx.workerLabels().size());
    });
    worker = hatchet.worker("context").slots(1).label("color", "red").register(logs, labeller).start();
  }

  @AfterAll
  static void stop() {
    if (worker != null) {
      worker.shutdown(Duration.ofSeconds(5));
    }
    if (hatchet != null) {
      hatchet.close();
    }
  }

  @Test
  void logLinesAreStoredWithTheTaskRunInOrderAndMetadataArrives() {
    Out out = logs.run(new Num(1), RunOptions.create().metadata("customer", "acme"));
    assertThat(out.metadata()).containsEntry("customer", "acme");
    long end = System.currentTimeMillis() + 30_000;
    List<String> lines = new ArrayList<>();
    while (System.currentTimeMillis() < end) {
      JsonNode rows = hatchet.core().rest().get("/api/v1/stable/tasks/" + out.taskRunId() + "/logs").path("rows");
      lines.clear();
      rows.forEach(r -> lines.add(r.path("level").asText() + ":" + r.path("message").asText()));
      if (lines.size() >= 4) {
        break;
      }
      Engine.sleep(250);
    }
    // the engine lists newest first unless asked otherwise; compare as a set of lines and in time order
    List<String> chronological = new ArrayList<>(lines);
    if (!chronological.isEmpty() && chronological.get(0).endsWith("careful")) {
      java.util.Collections.reverse(chronological);
    }
    assertThat(chronological).containsExactly("INFO:line 1", "INFO:line 2", "INFO:line 3", "WARN:careful");
  }

  @Test
  void upsertedLabelsReachTheEngine() {
    labeller.run(new Num(0));
    JsonNode w = hatchet.core().rest().get("/api/v1/workers/" + worker.id());
    List<String> labels = new ArrayList<>();
    w.path("labels").forEach(l -> labels.add(l.path("key").asText() + "=" + l.path("value").asText()));
    assertThat(labels).contains("color=blue");
  }
}
