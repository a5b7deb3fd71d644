package run.hatchet.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** A short load test against the real engine: every run completes and the JSON line is complete. */
class LoadTestIT {
  @Test
  void aShortRunLosesNothingAndPrintsItsJsonLine() throws Exception {
    String token = System.getenv("HATCHET_CLIENT_TOKEN");
    if (token == null || token.isBlank()) {
      String msg = "no engine configured: set HATCHET_CLIENT_* (scripts/test does it)";
      if ("1".equals(System.getenv("HATCHET_REQUIRE_ENGINE"))) {
        fail(msg + " — HATCHET_REQUIRE_ENGINE=1 forbids skipping");
      }
      Assumptions.abort(msg);
    }
    LoadTest.quietLogs("warn");
    String ns = "it_loadtest_" + UUID.randomUUID().toString().substring(0, 8);
    Options o = Options.parse(List.of("-e", "5", "-d", "5s", "-w", "30s", "-s", "20", "-F", "2", "-P", "1kb",
        "--settle", "1s", "--namespace", ns));
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int rc = new LoadTest(o, new PrintStream(buf, true, StandardCharsets.UTF_8)).run();
    String out = buf.toString(StandardCharsets.UTF_8);
    String[] lines = out.trim().split("\n");
    JsonNode r = new ObjectMapper().readTree(lines[lines.length - 1]);

    assertThat(rc).as(out).isZero();
    assertThat(out).contains("loadtest (java): 5 events/s", "lost 0");
    assertThat(r.get("impl").asText()).isEqualTo("java");
    assertThat(r.get("namespace").asText()).isEqualTo(ns);
    assertThat(r.get("events_emitted").asLong()).isBetween(20L, 26L);
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
  }
}
