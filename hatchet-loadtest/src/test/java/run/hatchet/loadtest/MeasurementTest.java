package run.hatchet.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeasurementTest {
  @Test
  void percentilesByNearestRank() {
    Samples s = new Samples();
    for (int i = 100; i >= 1; i--) {
      s.add(i * 1_000_000L);
    }
    Samples.Summary sum = s.summary();
    assertThat(sum.count()).isEqualTo(100);
    assertThat(sum.avgMillis()).isCloseTo(50.5, within(1e-9));
    assertThat(sum.percentileMillis(50)).isEqualTo(50.0);
    assertThat(sum.percentileMillis(95)).isEqualTo(95.0);
    assertThat(sum.percentileMillis(99)).isEqualTo(99.0);
    assertThat(new Samples().summary().percentileMillis(50)).isNaN();
  }

  @Test
  void procFiles() {
    String stat = "4242 (java (x) y) S 1 2 3 4 5 6 7 8 9 10 250 75 0 0 20 0 30 0";
    assertThat(ProcStats.parseCpuSeconds(stat)).isEqualTo(3.25);
    assertThat(ProcStats.parsePeakRssMiB("Name:\tjava\nVmPeak:\t 999 kB\nVmHWM:\t  204800 kB\n")).isEqualTo(200.0);
    assertThat(ProcStats.cpuSeconds("self")).isPositive();
    assertThat(ProcStats.peakRssMiB("self")).isPositive();
    assertThat(ProcStats.isJitCompilerThread("C2 CompilerThre")).isTrue();
    assertThat(ProcStats.isJitCompilerThread("C1 CompilerThre")).isTrue();
    assertThat(ProcStats.isJitCompilerThread("GC Thread#0")).isFalse();
    assertThat(ProcStats.isJitCompilerThread("main")).isFalse();
    // this JVM has compiled JUnit and AssertJ by now: its compiler threads have used some CPU, less than all
    assertThat(ProcStats.jitCpuSeconds("self")).isPositive().isLessThanOrEqualTo(ProcStats.cpuSeconds("self"));
  }

  @Test
  void engineViewCountsLostRunsAndThroughput() {
    Instant t = Instant.parse("2025-01-01T00:00:00Z");
    List<EngineView.TaskRow> rows = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      Instant c = t.plusMillis(i * 100L);
      rows.add(new EngineView.TaskRow(i == 9 ? "FAILED" : "COMPLETED", c, c.plusMillis(5), c.plusMillis(6)));
    }
    rows.add(new EngineView.TaskRow("RUNNING", t.plusMillis(50), t.plusMillis(60), null));
    Report r = Report.engine(rows, 12);
    assertThat(r.get("engine_runs")).isEqualTo(11);
    assertThat(r.get("engine_completed")).isEqualTo(9L);
    assertThat(r.get("engine_failed")).isEqualTo(1L);
    assertThat(r.get("engine_lost")).isEqualTo(2L);
    assertThat(r.get("engine_window_s")).isEqualTo(0.906);
    assertThat((Double) r.get("engine_throughput_per_s")).isCloseTo(10 / 0.906, within(0.001));
    assertThat(r.get("engine_queue_ms_p50")).isEqualTo(5.0);
    // the window runs from 0 to 906 ms; its second half starts at 453 ms: runs finished at 506 .. 906 ms
    assertThat(r.get("engine_second_half_runs")).isEqualTo(5L);
  }

  @Test
  void observeReadsProcessSamplesAndTheReferencesOutput(@TempDir Path dir) throws Exception {
    Report r = new Report().put("engine_completed", 100L).put("engine_failed", 0L)
        .put("engine_first_created_ms", 1_000_500L).put("engine_last_finished_ms", 1_002_500L)
        .put("engine_second_half_from_ms", 1_001_500L).put("engine_second_half_runs", 50L);
    Observe.process(r, List.of("1000.0 100 0 10240", "1001.0 150 50 20480", "1002.0 200 100 30720", "1003.0 210 110 30720",
        "garbage"));
    assertThat(r.get("cpu_s")).isEqualTo(3.2);
    assertThat(r.get("peak_rss_mib")).isEqualTo(30.0);
    assertThat(r.get("wall_s")).isEqualTo(3.0);
    // CPU at 1000.5 s is 1.5, at 1002.5 s 3.1: 1.6 s for 100 runs
    assertThat(r.get("cpu_window_s")).isEqualTo(1.6);
    assertThat(r.get("cpu_per_run_ms")).isEqualTo(16.0);
    // CPU at 1001.5 s is 2.5: 0.6 s for the 50 runs of the second half
    assertThat(r.get("cpu_warm_per_run_ms")).isEqualTo(12.0);
    assertThat(r.get("jit_cpu_s")).isNull();
    assertThat(r.get("cpu_per_run_excl_jit_ms")).isNull();

    Path log = dir.resolve("go.log");
    Files.writeString(log, String.join("\n",
        "2025/01/01 00:00:00 ℹ️ pushed 300, executed 299, uniques 299, using 10 events/s (fanout=1 dagSteps=1 expected=300)",
        "2025/01/01 00:00:00 ℹ️ final average duration per executed event: 8.316144ms",
        "2025/01/01 00:00:00 ℹ️ final average scheduling time per event: 950µs"));
    Report go = Observe.goSelf(log, 1);
    assertThat(go.get("self_events_emitted")).isEqualTo(300L);
    assertThat(go.get("self_lost_runs")).isEqualTo(1L);
    assertThat(go.get("self_push_to_start_ms_avg")).isEqualTo(8.316);
    assertThat(go.get("self_push_ms_avg")).isEqualTo(0.95);
  }

  @Test
  void observeSeparatesTheJitCompilersCpu() {
    Report r = new Report().put("engine_completed", 100L).put("engine_failed", 0L)
        .put("engine_first_created_ms", 1_000_500L).put("engine_last_finished_ms", 1_002_500L)
        .put("engine_second_half_from_ms", 1_001_500L).put("engine_second_half_runs", 50L);
    Observe.process(r, List.of("1000.0 100 0 10240 20", "1001.0 150 50 20480 60", "1002.0 200 100 30720 80",
        "1003.0 210 110 30720 80"));
    assertThat(r.get("cpu_s")).isEqualTo(3.2);
    assertThat(r.get("jit_cpu_s")).isEqualTo(0.8);
    // JIT at 1000.5 s is 0.4, at 1002.5 s 0.8: 0.4 of the window's 1.6 s
    assertThat(r.get("jit_cpu_window_s")).isEqualTo(0.4);
    assertThat(r.get("cpu_per_run_excl_jit_ms")).isEqualTo(12.0);
    // second half: 0.6 s in total, JIT 0.8 - 0.7 = 0.1 s, for 50 runs
    assertThat(r.get("cpu_warm_per_run_excl_jit_ms")).isEqualTo(10.0);
  }

  @Test
  void compareMediansAndRatios(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("results.jsonl");
    Files.writeString(f, String.join("\n",
        "{\"impl\":\"java\",\"self_events_per_second\":10,\"self_duration_s\":30.0,\"self_events_emitted\":297,\"engine_throughput_per_s\":100,\"cpu_per_run_ms\":1.0,\"cpu_per_run_excl_jit_ms\":0.5,\"cpu_total_per_run_ms\":2,\"engine_lost\":0}",
        "{\"impl\":\"go\",\"self_events_emitted\":299,\"engine_throughput_per_s\":50,\"cpu_per_run_ms\":2.0,\"cpu_total_per_run_ms\":2,\"engine_lost\":0}",
        "{\"impl\":\"java\",\"engine_throughput_per_s\":300,\"cpu_per_run_ms\":3.0,\"cpu_per_run_excl_jit_ms\":2.0,\"cpu_total_per_run_ms\":2,\"engine_lost\":0}",
        "{\"impl\":\"java\",\"engine_throughput_per_s\":200,\"cpu_per_run_ms\":2.0,\"cpu_per_run_excl_jit_ms\":1.6,\"cpu_total_per_run_ms\":2,\"engine_lost\":0}",
        ""));
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int rc = Compare.run(List.of(f.toString()), new PrintStream(buf, true, StandardCharsets.UTF_8));
    String out = buf.toString(StandardCharsets.UTF_8);
    assertThat(rc).isZero();
    assertThat(out).contains("throughput ratio java/go = 4.000", "cpu per run ratio java/go = 1.000",
        "cpu per run ratio java/go without java's JIT compiler = 0.800");
    // 10 events/s for 30 s offered 300: java emitted 297, go 299
    assertThat(out).containsPattern("short of -e x -d \\(ticks the emitter dropped\\) +3\\.000 +1\\.000 +3\\.000");

    Files.writeString(f, "{\"impl\":\"java\",\"engine_lost\":3}\n{\"impl\":\"go\",\"engine_lost\":0}\n");
    buf.reset();
    assertThat(Compare.run(List.of(f.toString()), new PrintStream(buf, true, StandardCharsets.UTF_8))).isEqualTo(1);
    assertThat(buf.toString(StandardCharsets.UTF_8)).contains("LOST RUNS");
  }

  @Test
  void reportIsOneLineOfJsonWithoutNaN() throws Exception {
    String json = new Report().put("a", Double.NaN).put("b", 1.23456).put("c", "x").json();
    JsonNode n = new ObjectMapper().readTree(json);
    assertThat(n.get("a").isNull()).isTrue();
    assertThat(n.get("b").asDouble()).isEqualTo(1.235);
    assertThat(json).doesNotContain("\n");
  }
}
