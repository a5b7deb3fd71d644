package run.hatchet.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.config.ClientConfig;

/** A short load test against the real engine: every run completes and the JSON line is complete. */
class LoadTestIT {
  private static void requireEngine() {
    String token = System.getenv("HATCHET_CLIENT_TOKEN");
    if (token == null || token.isBlank()) {
      String msg = "no engine configured: set HATCHET_CLIENT_* (scripts/test does it)";
      if ("1".equals(System.getenv("HATCHET_REQUIRE_ENGINE"))) {
        fail(msg + " — HATCHET_REQUIRE_ENGINE=1 forbids skipping");
      }
      Assumptions.abort(msg);
    }
  }

  private static JsonNode lastLine(String out) throws Exception {
    String[] lines = out.trim().split("\n");
    return new ObjectMapper().readTree(lines[lines.length - 1]);
  }

  @Test
  void aWarmUpRunsTheSameLoadOnItsOwnWorkflowsAndIsNotMeasured() throws Exception {
    requireEngine();
    LoadTest.quietLogs("warn");
    String ns = "it_warmup_" + UUID.randomUUID().toString().substring(0, 8);
    Instant since = Instant.now().minusSeconds(5);
    Options o = Options.parse(List.of("-e", "5", "-d", "3s", "-w", "30s", "-s", "20", "--settle", "1s",
        "--warmup", "3s", "--namespace", ns));
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int rc = LoadTest.run(o, new PrintStream(buf, true, StandardCharsets.UTF_8));
    String out = buf.toString(StandardCharsets.UTF_8);
    JsonNode r = lastLine(out);

    assertThat(rc).as(out).isZero();
    assertThat(out).as("only the measured phase reports").containsOnlyOnce("loadtest (java):");
    assertThat(r.get("warmup_s").asDouble()).isEqualTo(3.0);
    assertThat(r.get("events_emitted").asLong()).isBetween(12L, 17L);
    // the engine's count for the measured workflow holds the measured runs only
    assertThat(r.get("engine_runs").asLong()).isEqualTo(r.get("runs_expected").asLong());
    assertThat(r.get("engine_completed").asLong()).isEqualTo(r.get("runs_expected").asLong());
    // the warm-up's runs are on workflows of their own in the same namespace, all finished
    ClientConfig config = ClientConfig.builder().namespace(ns).build();
    try (Hatchet h = Hatchet.builder().config(config).build()) {
      EngineView view = new EngineView(h);
      List<String> ids = view.workflowIds(List.of(config.applyNamespace(LoadTest.Phase.WARMUP.workflow(0))));
      assertThat(ids).hasSize(1);
      List<EngineView.TaskRow> rows = view.tasks(ids, since);
      assertThat(rows).hasSizeBetween(12, 17).allMatch(EngineView.TaskRow::terminal);
      // what the measured phase waited on: no unfinished warm-up run among final ones ...
      assertThat(view.anyUnfinished(ids, since)).isFalse();
      // ... and one that no worker will pick up any more (the tool's worker has stopped) is seen as unfinished
      h.events().push(LoadTest.Phase.WARMUP.eventKey(), new LoadTest.Event(-1, Instant.now(), ""));
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      boolean unfinished = false;
      while (!unfinished && System.nanoTime() < end) {
        unfinished = view.anyUnfinished(ids, since);
        Thread.sleep(250);
      }
      assertThat(unfinished).as("a queued warm-up run listed as unfinished").isTrue();
    }
  }

  @Test
  void aShortRunLosesNothingAndPrintsItsJsonLine() throws Exception {
    requireEngine();
    LoadTest.quietLogs("warn");
    String ns = "it_loadtest_" + UUID.randomUUID().toString().substring(0, 8);
    Options o = Options.parse(List.of("-e", "5", "-d", "5s", "-w", "30s", "-s", "20", "-F", "2", "-P", "1kb",
        "--settle", "1s", "--namespace", ns));
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int rc = LoadTest.run(o, new PrintStream(buf, true, StandardCharsets.UTF_8));
    String out = buf.toString(StandardCharsets.UTF_8);
    JsonNode r = lastLine(out);

    assertThat(rc).as(out).isZero();
    assertThat(out).contains("loadtest (java): 5 events/s", "lost 0");
    assertThat(r.get("impl").asText()).isEqualTo("java");
    assertThat(r.get("namespace").asText()).isEqualTo(ns);
    assertThat(r.get("events_emitted").asLong()).isBetween(20L, 26L);
    // every tick of 5 s at 5/s is either an event or counted as dropped
    assertThat(r.get("events_emitted").asLong() + r.get("ticks_dropped").asLong()).isBetween(24L, 26L);
    assertThat(r.get("tick_late_max_ms").asDouble()).isGreaterThanOrEqualTo(0);
    assertThat(r.get("runs_expected").asLong()).isEqualTo(2 * r.get("events_emitted").asLong());
    assertThat(r.get("runs_completed").asLong()).isEqualTo(r.get("runs_expected").asLong());
    assertThat(r.get("lost_runs").asLong()).isZero();
    assertThat(r.get("duplicates").asLong()).isZero();
    assertThat(r.get("engine_lost").asLong()).isZero();
    assertThat(r.get("engine_completed").asLong()).isEqualTo(r.get("runs_expected").asLong());
    for (String key : List.of("throughput_per_s", "push_to_start_ms_avg", "push_to_start_ms_p50", "push_to_start_ms_p95",
        "push_to_start_ms_p99", "start_to_done_ms_avg", "start_to_done_ms_p99", "push_ms_avg", "cpu_s", "peak_rss_mib")) {
      assertThat(r.get(key).isNumber()).as(key).isTrue();
      assertThat(r.get(key).asDouble()).as(key).isGreaterThanOrEqualTo(0);
    }
    // the JIT compiler's share is measured apart: part of the process's CPU, never more than all of it
    assertThat(r.get("jit_cpu_s").asDouble()).isPositive().isLessThan(r.get("cpu_s").asDouble());
    assertThat(r.get("jit_cpu_window_s").asDouble()).isBetween(0.0, r.get("cpu_window_s").asDouble());
    assertThat(r.get("cpu_per_run_excl_jit_ms").asDouble()).isBetween(0.0, r.get("cpu_per_run_ms").asDouble());
  }
}
